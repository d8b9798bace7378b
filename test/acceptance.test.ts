/**
 * The paper's verdicts (shared/acceptance/paper-verdicts.md), reached from the case files by the
 * general rules. A blank cell in the table is not asserted.
 */
import { describe, expect, it } from 'vitest';
import type { Analysis, ComponentAnalysis, Fit, ModelId } from '../src/core/index.js';
import { analyse } from './library.js';

const F: Fit = 'fits';
const P: Fit = 'partly-fits';
const N: Fit = 'does-not-fit';
type Expected = Partial<Record<ModelId, Fit | readonly Fit[]>>;

function component(analysis: Analysis, id: string): ComponentAnalysis {
  const found = analysis.components.find((c) => c.id === id);
  if (found === undefined) throw new Error(`no component ${id} in ${analysis.case}`);
  return found;
}

function expectFits(models: ComponentAnalysis['models'], expected: Expected): void {
  for (const [model, fit] of Object.entries(expected) as [ModelId, Fit | readonly Fit[]][]) {
    const allowed = typeof fit === 'string' ? [fit] : fit;
    expect(allowed, `${model} is ${models[model].fit}`).toContain(models[model].fit);
  }
}

const rulesOf = (reading: { reasons: readonly { rule: string }[] }): string[] =>
  reading.reasons.map((r) => r.rule);
const pairs = (c: ComponentAnalysis): string[] =>
  c.relationshipsEqualised.map((r) => r.between.join('|'));

describe('SleepWell (4.1)', () => {
  const analysis = analyse('sleepwell');
  const c = analysis.components[0];

  it('reaches the paper\u2019s fits, overall and for its component', () => {
    const expected = {
      'co-production': N,
      'evidence-based-practice': F,
      'service-user-led': N,
      'community-involvement': N,
      'user-centred-design': N,
    };
    expectFits(analysis.overall.models, expected);
    if (c === undefined) throw new Error('no component');
    expectFits(c.models, expected);
  });

  it('says patients were absent from development and implementation', () => {
    const reasons = c?.models['co-production'].reasons ?? [];
    expect(rulesOf({ reasons })).toContain('cp.users-absent');
    expect(reasons[0]?.text).toMatch(/Design — .*: no part/);
    expect(reasons[0]?.text).toMatch(/Delivery — .*: no part/);
  });

  it('reads it as humanising without equalising', () => {
    expect(c?.humanisingWithoutEqualising).toBe(true);
    expect(c?.relationshipsEqualised).toEqual([]);
    expect(c?.humanisingReasons[0]?.text).toMatch(/safer/i);
    expect(c?.summary).toMatch(/humane without evening out/);
  });
});

describe('MHF self-management, Wales (4.2)', () => {
  const analysis = analyse('mhf-self-management-wales');
  const course = component(analysis, 'self-management-course');

  it('reaches the paper\u2019s fits', () => {
    const expected = {
      'co-production': N,
      'service-user-led': F,
      'community-involvement': F,
      'user-centred-design': F,
    };
    expectFits(analysis.overall.models, expected);
    expectFits(course.models, expected);
  });

  it('reports co-production with mental health services as attempted and failed', () => {
    const cp = course.models['co-production'];
    expect(rulesOf(cp)).toContain('cp.attempt');
    expect(cp.reasons.find((r) => r.rule === 'cp.attempt')?.text).toMatch(
      /mental health professionals is recorded as failed/,
    );
    expect(course.summary).toMatch(
      /Co-production with mental health professionals was attempted but not achieved/,
    );
  });

  it('finds the partnership was between users and the community', () => {
    expect(rulesOf(course.models['co-production'])[0]).toBe('cp.partners-with-community');
    expect(pairs(course)).toContain('service-users|community');
  });

  it('says the designers and client had lived experience, so UCD came without the usual power gap', () => {
    expect(rulesOf(course.models['user-centred-design'])).toContain('ucd.no-power-gap');
  });
});

describe('East Lille (4.3)', () => {
  const analysis = analyse('east-lille');
  const el = (id: string): ComponentAnalysis => component(analysis, id);
  const unknownAbout = (c: ComponentAnalysis, stage: RegExp): boolean =>
    c.uncertainties.some(
      (u) => u.kind === 'unknown' && /People using the sector/.test(u.about) && stage.test(u.about),
    );

  it('1 asylum closure and housing: not co-production (nothing produced), community involvement, policy-makers unknown', () => {
    const c = el('asylum-closure-housing');
    expectFits(c.models, { 'co-production': N, 'community-involvement': [P, F] });
    expect(rulesOf(c.models['co-production'])[0]).toBe('cp.nothing-produced');
    expect(pairs(c)).toContain('service-users|community');
    expect(unknownAbout(c, /design|governance|the original idea/)).toBe(true);
  });

  it('4 records access: not co-production (nothing produced), equalises users and professionals, policy may be top-down', () => {
    const c = el('records-access');
    expectFits(c.models, { 'co-production': N });
    expect(rulesOf(c.models['co-production'])[0]).toBe('cp.nothing-produced');
    expect(pairs(c)).toContain('service-users|mental-health-professionals');
    expect(unknownAbout(c, /design|governance/)).toBe(true);
  });

  it('5 art: not co-production, equalises users and community, therapy roles kept apart', () => {
    const c = el('art-therapies');
    expectFits(c.models, { 'co-production': N });
    expect(rulesOf(c.models['co-production'])[0]).toBe('cp.roles-kept-apart');
    expect(pairs(c)).toContain('service-users|community');
    expect(pairs(c)).not.toContain('service-users|mental-health-professionals');
  });

  it('6 ex-patients in staff training and housing allocation: partly co-production, as housing is not a mental health service', () => {
    const c = el('ex-patients-staff-training-housing');
    expectFits(c.models, { 'co-production': P });
    expect(rulesOf(c.models['co-production'])[0]).toMatch(
      /^cp\.(other-field|with-another-service|partners-elsewhere)$/,
    );
    expect(c.models['co-production'].reasons[0]?.text).toMatch(
      /not (with )?(a )?mental health service/,
    );
  });

  it('7 user-run self-help: not co-production, user-led at delivery, design reportedly top-down on a weak source', () => {
    const c = el('user-run-self-help');
    expectFits(c.models, { 'co-production': N, 'service-user-led': P });
    expect(rulesOf(c.models['co-production'])[0]).toBe('cp.users-alone');
    const ul = c.models['service-user-led'];
    expect(ul.reasons[0]?.text).toMatch(/Delivery — .*: in charge/);
    const note = ul.reasons.find((r) => r.rule === 'ul.designed-by-others');
    expect(note?.text).toMatch(/Design — .*\(suggested, [a-z0-9-]+\)/);
    expect(c.uncertainties.some((u) => u.kind === 'suggested' && /design/.test(u.about))).toBe(
      true,
    );
  });

  it('8 anti-stigma with artists: not co-production, not user-led, community involvement, equalises users and the public', () => {
    const c = el('anti-stigma-artists');
    expectFits(c.models, {
      'co-production': N,
      'service-user-led': N,
      'community-involvement': [P, F],
    });
    expect(rulesOf(c.models['co-production'])[0]).toBe('cp.users-absent');
    expect(pairs(c)).toContain('service-users|community');
  });

  it('2 open wards and 3 short waits: humane features without a settled model', () => {
    for (const id of ['open-wards', 'short-waiting-times']) {
      const c = el(id);
      expect(c.humanisingWithoutEqualising, id).toBe(true);
      expect(
        Object.values(c.models).some((m) => m.fit === 'fits'),
        id,
      ).toBe(false);
    }
  });

  it('reads the whole as a mix, naming which components carry which model', () => {
    const s = analysis.overall.summary;
    expect(s).toMatch(/^A mix of models/);
    expect(s).toContain('community involvement in Asylum closure');
    expect(s).toMatch(/service user-led in part in Self-help groups run by users/);
    expect(s).toMatch(/co-production in part in Former patients in staff training/);
    expect(analysis.overall.models['co-production'].reasons[0]?.refs).toEqual(['components[5]']);
  });
});
