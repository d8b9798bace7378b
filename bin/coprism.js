#!/usr/bin/env node
// The installed command: runs the compiled CLI (built by `npm run build`, which `npm ci` runs).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/run.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    'coprism: the program has not been built yet; run `npm ci` (or `npm run build`) first.\n',
  );
  process.exit(2);
}
await import(entry.href);
