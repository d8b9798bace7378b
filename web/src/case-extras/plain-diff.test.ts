// The history's plain-words diff and the grid name a person's own account by the person, never by
// the user id its source id carries.
import { describe, expect, it } from 'vitest';
import { ownAccountSource, validateCase, type CaseFile } from '../../../src/core/index.js';
import { buildGrid } from '../reading/grid.js';
import { plainDiff } from './plain-diff.js';

const USER = 'k3x9q2m7p1z8w4v6';
const own = ownAccountSource(USER, 'Amira Khan', '2026-01-05');

function valid(doc: unknown): CaseFile {
  const checked = validateCase(doc);
  if (!checked.ok) throw new Error(JSON.stringify(checked.error));
  return checked.value;
}

const before = valid({
  format: 'coprism/1',
  id: 'peer-garden',
  title: 'Peer Garden',
  sources: [{ id: 'garden-2022', kind: 'report', citation: 'Garden annual report, 2022' }],
  parties: [
    { id: 'members', kind: 'service-users', label: 'Garden members' },
    { id: 'cmht', kind: 'mental-health-professionals', label: 'CMHT' },
  ],
  components: [
    {
      id: 'garden',
      title: 'The garden',
      roles: [{ party: 'members', stage: 'design', level: 'consulted', source: 'garden-2022' }],
    },
  ],
});

const withAccount = (level: 'partner' | 'leads'): CaseFile =>
  valid({
    ...before,
    sources: [...(before.sources ?? []), own],
    components: [
      {
        ...before.components[0],
        roles: [
          ...(before.components[0]?.roles ?? []),
          { party: 'members', stage: 'design', level, source: own.id },
        ],
      },
    ],
  });

describe('a person’s own account, in the history and the grid', () => {
  it('says in the diff whose account was added, changed and removed', () => {
    const added = withAccount('partner');
    expect(plainDiff(before, added)).toEqual([
      'Source added: Account given in Coprism by Amira Khan, 2026-01-05',
      'Garden members, design: decided together as equals (self-report by Amira Khan) — added',
    ]);
    expect(plainDiff(added, withAccount('leads'))).toEqual([
      'Garden members, design: decided together as equals → was in charge (self-report by Amira Khan)',
    ]);
    // Taken out again, source and all: still named by the person it was.
    expect(plainDiff(added, before)).toEqual([
      'Source removed: Account given in Coprism by Amira Khan, 2026-01-05',
      'Garden members, design: decided together as equals (self-report by Amira Khan) — removed',
    ]);
    for (const [a, b] of [
      [before, added],
      [added, before],
    ] as const)
      expect(plainDiff(a, b).join('\n')).not.toContain(USER);
  });

  it('names each account of a grid cell by its source as a reader knows it', () => {
    const doc = withAccount('partner');
    const component = doc.components[0];
    if (!component) throw new Error('no part');
    const design = buildGrid(doc, component, 0)[0]?.cells.find((c) => c.stage === 'design');
    expect(design?.state.kind).toBe('disputed');
    expect(design?.claims.map((c) => c.by)).toEqual(['garden-2022', 'self-report by Amira Khan']);
  });
});
