// The run's log audit finds what it is for: noted passwords and anything shaped like a secret, by
// file and line, without repeating the secret; and clean logs pass.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findLeaks } from './log-audit.js';

const secret = (prefix: string) => `${prefix}_${'Ab3-_x'.repeat(6).slice(0, 32)}`;

function runFolder(logs: Record<string, string>, passwords: string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), 'coprism-log-audit-'));
  mkdirSync(join(dir, 'logs'));
  mkdirSync(join(dir, 'passwords'));
  for (const [name, text] of Object.entries(logs)) writeFileSync(join(dir, 'logs', name), text);
  writeFileSync(
    join(dir, 'passwords', '1.txt'),
    passwords.map((p) => `${JSON.stringify(p)}\n`).join(''),
  );
  return dir;
}

describe('the log audit', () => {
  it('passes clean logs and counts what it read', () => {
    const dir = runFolder(
      {
        'a.log': '{"msg":"incoming request","req":{"url":"/api/invitations/…"}}\n{"msg":"done"}\n',
      },
      ['correct horse battery'],
    );
    expect(findLeaks(dir)).toEqual({ leaks: [], lines: 2, files: 1, passwords: 1 });
  });

  it('finds a noted password and every kind of secret, by file and line', () => {
    const lines = [
      '{"msg":"ok"}',
      '{"body":{"password":"correct horse battery"}}',
      `{"url":"/api/shared/${secret('cpl')}"}`,
      `{"token":"${secret('cpt')}"}`,
      `{"invite":"${secret('cpi')}"}`,
      `{"s":"${secret('cps')}","c":"${secret('csrf')}"}`,
      '{"hash":"scrypt$32768$8$1$c2FsdA==$a2V5"}',
      '{"headers":{"cookie":"coprism_session=abc"}}',
      '{"headers":{"authorization":"Bearer x"}}',
    ];
    const dir = runFolder({ 'b.log': lines.join('\n') }, ['correct horse battery']);
    const { leaks } = findLeaks(dir);
    expect(leaks.map((l) => [l.line, l.what])).toEqual([
      [2, 'a password'],
      [3, 'a share link (cpl_…)'],
      [4, 'an API token (cpt_…)'],
      [5, 'an invitation link (cpi_…)'],
      [6, 'a session secret (cps_…)'],
      [6, 'a CSRF token (csrf_…)'],
      [7, 'a password hash (scrypt$…)'],
      [8, 'a session cookie'],
      [9, 'an Authorization header'],
    ]);
    expect(leaks.every((l) => l.file === join(dir, 'logs', 'b.log'))).toBe(true);
    expect(JSON.stringify(leaks)).not.toContain('correct horse');
    expect(JSON.stringify(leaks)).not.toContain(secret('cpt'));
  });

  it('reads nothing from a folder without logs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'coprism-log-audit-'));
    expect(findLeaks(dir)).toEqual({ leaks: [], lines: 0, files: 0, passwords: 0 });
  });
});
