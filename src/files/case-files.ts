/** Finding and reading case files on disk. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { parseCaseText, type CaseFile, type Result, type TextProblem } from '../core/index.js';
import { decodeCaseBytes } from './decode-text.js';

const CASE_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

export type Found =
  | { readonly ok: true; readonly files: string[] }
  | { readonly ok: false; readonly message: string };

/** Expands files and folders into case files, folders in sorted path order (not recursive into dot folders). */
export function findCaseFiles(paths: readonly string[]): Found {
  const files: string[] = [];
  for (const path of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch {
      return { ok: false, message: `${path}: no such file or folder` };
    }
    if (!isDirectory) files.push(path);
    else files.push(...walk(path));
  }
  return { ok: true, files };
}

function walk(dir: string): string[] {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  const out: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(path));
    else if (CASE_EXTENSIONS.has(extname(entry.name).toLowerCase())) out.push(path);
  }
  return out;
}

/** Reads and validates one case file. A file that cannot be read is a problem, not a crash. */
export function readCaseFile(file: string): Result<CaseFile, TextProblem[]> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'EISDIR'
        ? 'is a folder, not a file'
        : code === 'ENOENT'
          ? 'does not exist'
          : 'cannot be read';
    return { ok: false, error: [{ file, field: '', message: `this file ${why}` }] };
  }
  const text = decodeCaseBytes(bytes, file);
  if (!text.ok) return text;
  return parseCaseText(text.value, file);
}
