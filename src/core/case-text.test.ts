import { describe, expect, it } from 'vitest';
import { formatTextProblem, parseCaseText } from './case-text.js';
import { caseJsonSchema } from './case.schema.js';
import { LIMITS } from './limits.js';

const VALID = `format: coprism/1
id: small-case
title: A small case
sources:
  - { id: report, kind: report, citation: 'A report, 2020' }
parties:
  - { id: users, kind: service-users }
  - { id: staff, kind: mental-health-professionals }
components:
  - id: main
    title: The main part
    produces: service
    roles:
      - { party: users, stage: design, level: partner, source: report }
      - { party: staff, stage: design, level: partner }
`;

function problems(text: string, file = 'case.yaml'): string[] {
  const result = parseCaseText(text, file);
  if (result.ok) return [];
  return result.error.map(formatTextProblem);
}

describe('parseCaseText', () => {
  it('accepts a valid YAML case and applies no defaults silently', () => {
    const result = parseCaseText(VALID, 'case.yaml');
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.value.components[0]?.roles[1]?.certainty).toBeUndefined();
      expect(result.value.components[0]?.serviceDomain).toBeUndefined();
    }
  });

  it('accepts the same case as JSON', () => {
    const result = parseCaseText(VALID, 'case.yaml');
    if (!result.ok) throw new Error('fixture invalid');
    expect(parseCaseText(JSON.stringify(result.value), 'case.json')).toEqual(result);
  });

  it('places a wrong value on its line and column, with what was expected', () => {
    const text = VALID.replace('level: partner, source', 'level: lead, source');
    expect(problems(text)).toEqual([
      "case.yaml:14:47: components[0].roles[0].level: 'lead' is not a level; expected one of none, informed, consulted, partner, leads (did you mean 'leads'?)",
    ]);
  });

  it('reports every problem at once, including broken references', () => {
    const text = VALID.replace('kind: service-users', 'kind: patients')
      .replace('party: staff,', 'party: stafff,')
      .replace('source: report', 'source: nowhere')
      .replace('produces: service', 'produces: stuff');
    const found = problems(text);
    expect(found).toHaveLength(4);
    expect(found.join('\n')).toMatch(/parties\[0\]\.kind: 'patients' is not a party kind/);
    expect(found.join('\n')).toMatch(
      /components\[0\]\.roles\[1\]\.party: 'stafff' is not the id of a party in this case \(did you mean 'staff'\?\)/,
    );
    expect(found.join('\n')).toMatch(
      /components\[0\]\.roles\[0\]\.source: 'nowhere' is not the id of a source in this case; expected one of report/,
    );
    expect(found.join('\n')).toMatch(/components\[0\]\.produces: 'stuff'/);
  });

  it('hints at quotes when a comma splits a value in a flow mapping', () => {
    const text = VALID.replace("'A report, 2020'", 'A report, 2020');
    expect(problems(text)).toEqual([
      "case.yaml:5:53: sources[0]: '2020' is not a field here; expected id, kind, citation, url (if '2020' is part of the text before it, put that whole text in quotes)",
    ]);
  });

  it('names a misspelt field and suggests the right one', () => {
    const text = VALID.replace('produces: service', 'produce: service');
    expect(problems(text)).toEqual([
      "case.yaml:12:5: components[0]: 'produce' is not a field here (did you mean 'produces'?); expected id, title, summary, serviceDomain, produces, roles, evidence, design, relationships, humanising, attempts",
    ]);
  });

  it('reports missing required fields and duplicate ids', () => {
    const text = VALID.replace('title: A small case\n', '').replace('{ id: staff,', '{ id: users,');
    const found = problems(text).join('\n');
    expect(found).toMatch(/case\.yaml:1:1: title: is required; expected text/);
    expect(found).toMatch(
      /parties\[1\]\.id: 'users' is already the id of another party; ids must be unique/,
    );
  });

  it('rejects another format version plainly', () => {
    expect(problems(VALID.replace('coprism/1', 'coprism/2'))[0]).toMatch(
      /format: 'coprism\/2' is not a format this tool reads; expected coprism\/1/,
    );
  });

  it('asks for a missing format line rather than naming a value that is not there', () => {
    const found = problems(VALID.replace('format: coprism/1\n', ''));
    expect(found[0]).toMatch(/^case\.yaml:1:1: format: is required; expected coprism\/1$/);
    expect(found.join('\n')).not.toMatch(/undefined/);
  });

  it('explains YAML syntax errors with a position', () => {
    expect(problems('format: coprism/1\nid: x\n  title: bad\n')[0]).toMatch(
      /^case\.yaml:\d+:\d+: this is not valid YAML or JSON: /,
    );
    expect(problems('format: coprism/1\nformat: coprism/1\n')[0]).toMatch(
      /^case\.yaml:2:1: this is not valid YAML or JSON: Map keys must be unique/,
    );
  });

  it('explains an empty file, and more than one document', () => {
    expect(problems('   \n')).toEqual([
      'case.yaml: the file is empty; expected a case starting with format: coprism/1',
    ]);
    expect(problems(`${VALID}---\n${VALID}`)[0]).toMatch(
      /more than one YAML document; expected one case per file/,
    );
  });

  it('explains broken JSON with a position', () => {
    expect(problems('{"format": "coprism/1",\n "id": }', 'case.json')).toEqual([
      'case.json:2:8: this is not valid JSON: expected a value',
    ]);
    expect(problems('{"format": "coprism/1",}', 'case.json')[0]).toMatch(
      /^case\.json:1:\d+: this is not valid JSON: /,
    );
  });

  it('rejects a document that is not a mapping', () => {
    expect(problems('- just\n- a list\n')[0]).toMatch(
      /is not a block of fields|expected a block of fields/,
    );
  });
});

describe('caseJsonSchema', () => {
  it('is the published JSON Schema of the same format', () => {
    const schema = caseJsonSchema() as {
      properties: { components: { items: { properties: Record<string, unknown> } } };
      required: string[];
    };
    expect(schema.required).toEqual(
      expect.arrayContaining(['format', 'id', 'title', 'parties', 'components']),
    );
    expect(Object.keys(schema.properties.components.items.properties)).toContain('roles');
  });
});

describe('limits', () => {
  it('refuses a case bigger than the limits, saying by how much', () => {
    const parties = Array.from(
      { length: LIMITS.parties + 1 },
      (_, i) => `  - { id: p${i}, kind: community }`,
    );
    const many = VALID.replace(
      /parties:\n(?: {2}- .*\n)+/,
      `parties:\n  - { id: users, kind: service-users }\n  - { id: staff, kind: mental-health-professionals }\n${parties.join('\n')}\n`,
    );
    expect(problems(many)).toContainEqual(
      expect.stringContaining(
        `parties: has ${LIMITS.parties + 3} entries; at most ${LIMITS.parties} are allowed`,
      ),
    );
    const long = VALID.replace('title: A small case', `title: ${'a'.repeat(LIMITS.text + 1)}`);
    expect(problems(long)).toEqual([
      `case.yaml:3:8: title: is too long (${LIMITS.text + 1} characters); at most ${LIMITS.text} are allowed`,
    ]);
    expect(
      problems(VALID.replace('title: A small case', `title: ${'a'.repeat(LIMITS.text)}`)),
    ).toEqual([]);
  });
});
