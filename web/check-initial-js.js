// After `vite build web`: the JavaScript a first visit loads (the entry module named in index.html,
// its modulepreloads and the chunks it imports statically, not the lazily loaded pages), gzipped,
// must stay within the budget. Prints the figure; exits 1 when it is over.
//
//   node web/check-initial-js.js [dist/web] [--limit=200]     (the limit in KB of 1,000 bytes)
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--')) ?? join(import.meta.dirname, '..', 'dist', 'web');
const limitKb = Number(args.find((a) => a.startsWith('--limit='))?.slice(8) ?? 200);

const indexPath = join(dir, 'index.html');
if (!existsSync(indexPath)) {
  console.error(`Initial JavaScript: no ${indexPath}; run \`vite build web\` first.`);
  process.exit(1);
}
const html = readFileSync(indexPath, 'utf8');

/** Addresses of the module scripts and module preloads in index.html. */
const entries = [
  ...html.matchAll(/<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g),
  ...html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g),
].map((m) => m[1]);

/** A chunk's static imports (`import{a}from"./x.js"`, `import"./y.js"`), not `import("./z.js")`. */
const staticImports = (code) =>
  [...code.matchAll(/\bimport\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g)].map(
    (m) => m[1],
  );

const seen = new Map();
const visit = (address, from) => {
  const path = from ? join(from, address) : join(dir, address.replace(/^\//, ''));
  if (seen.has(path)) return;
  if (!existsSync(path)) {
    console.error(`Initial JavaScript: index.html names ${address}, which is not in ${dir}.`);
    process.exit(1);
  }
  const code = readFileSync(path);
  seen.set(path, gzipSync(code, { level: 9 }).length);
  for (const next of staticImports(code.toString('utf8'))) visit(next, join(path, '..'));
};
for (const entry of entries) if (entry.endsWith('.js')) visit(entry);

const total = [...seen.values()].reduce((a, b) => a + b, 0);
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
const files = [...seen.entries()].map(([p, n]) => `${p.slice(dir.length + 1)} ${kb(n)}`).join(', ');
const line = `Initial JavaScript: ${kb(total)} gzipped of a ${limitKb} KB budget (${files || 'no files'}).`;
if (seen.size === 0 || total > limitKb * 1000) {
  console.error(
    seen.size === 0
      ? `Initial JavaScript: index.html in ${dir} names no module script.`
      : `${line}\nOver budget by ${kb(total - limitKb * 1000)}: load more of the app lazily (import()) or drop weight.`,
  );
  process.exit(1);
}
console.log(line);
