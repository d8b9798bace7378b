/** Reading the case library for tests. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyseCase, type Analysis, type CaseFile } from '../src/core/index.js';
import { readCaseFile } from '../src/files/index.js';

export const CASES_DIR = join(import.meta.dirname, '..', 'cases');

export const libraryFiles = (): string[] =>
  readdirSync(CASES_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort();

/** A case of the library by name (with or without .yaml), or any case file by its path. */
export function loadCase(name: string): CaseFile {
  const path = name.includes('/')
    ? name
    : join(CASES_DIR, name.endsWith('.yaml') ? name : `${name}.yaml`);
  const read = readCaseFile(path);
  if (!read.ok) throw new Error(`${name} is not valid: ${JSON.stringify(read.error)}`);
  return read.value;
}

export const analyse = (name: string): Analysis => analyseCase(loadCase(name));
