// The paper's SleepWell case (section 4.1) recorded by a new user through the interview alone — no
// YAML tab — with cases/sleepwell.yaml as the script of answers; once published, the case page and
// the API give the paper's verdicts, the same fits as the library file's own analysis.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Analysis } from '../../src/core/analysis.types.js';
import type { CaseFile } from '../../src/core/case.schema.js';
import { MODEL_NAMES, type Fit, type ModelId } from '../../src/core/vocabulary.js';
import { slug } from '../../web/src/interview/document.js';
import { STAGE_ORDER } from '../../web/src/interview/steps.js';
import { analyse } from '../library.js';
import { axeViolations, launchBrowser, screenshot, startServer, type Server } from './harness.js';

const OWNER = { name: 'Sam Sleep', email: 'sam@example.org', password: 'correct horse battery' };
const SCRIPT = parse(
  readFileSync(join(import.meta.dirname, '..', '..', 'cases', 'sleepwell.yaml'), 'utf8'),
) as CaseFile;

/** The paper's verdicts for SleepWell (shared/acceptance/paper-verdicts.md). */
const PAPER: Record<ModelId, Fit> = {
  'co-production': 'does-not-fit',
  'evidence-based-practice': 'fits',
  'service-user-led': 'does-not-fit',
  'community-involvement': 'does-not-fit',
  'user-centred-design': 'does-not-fit',
};

const fitsOf = (analysis: Analysis) => ({
  overall: Object.fromEntries(
    Object.entries(analysis.overall.models).map(([m, r]) => [m, r.fit]),
  ) as Record<string, Fit>,
  components: analysis.components.map((c) =>
    Object.fromEntries(Object.entries(c.models).map(([m, r]) => [m, r.fit])),
  ),
});

describe('SleepWell recorded through the interview alone', () => {
  let server: Server;
  let browser: Browser;
  let page: Page;
  let team = '';
  const scriptErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ cases: 'cases' }), launchBrowser()]);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on('pageerror', (error) => scriptErrors.push(error.message));
    await page.goto(server.url);
    const setup = (await page.evaluate(`
      fetch('/api/setup', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: ${JSON.stringify(JSON.stringify(OWNER))},
      }).then((r) => r.json())
    `)) as { workspace: { id: string } };
    team = setup.workspace.id;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const getJson = (path: string): Promise<unknown> =>
    page.evaluate(`fetch(${JSON.stringify(path)}).then((r) => r.json())`);

  /** "Save and continue", then waits for the step `key` to be shown. */
  const continueTo = async (key: string) => {
    await page.locator('.step-nav .button.primary').click();
    await page.waitForURL(new RegExp(`[?&]step=${key}(&|$)`));
    await page.locator('#step-heading').waitFor();
  };

  it('enters every answer of cases/sleepwell.yaml, publishes, and gets the paper’s reading', async () => {
    const part = SCRIPT.components[0];
    if (part === undefined) throw new Error('SleepWell has no component');
    expect(SCRIPT.components).toHaveLength(1);

    await page.goto(`${server.url}/w/${team}`);
    await page.getByRole('button', { name: 'Record a new initiative' }).click();
    await page.waitForURL(/\/drafts\/[^/]+$/);
    await page.locator('#step-heading', { hasText: 'What is the initiative?' }).waitFor();

    // About: name, summary, setting, years.
    await page.locator('#about-title').fill(SCRIPT.title);
    expect(await page.locator('#about-id').inputValue()).toBe(SCRIPT.id);
    await page.locator('#about-summary').fill(SCRIPT.summary ?? '');
    await page.locator('#about-setting').fill(SCRIPT.setting ?? '');
    if (SCRIPT.period?.start) await page.locator('#about-start').fill(String(SCRIPT.period.start));
    if (SCRIPT.period?.end) await page.locator('#about-end').fill(String(SCRIPT.period.end));
    await continueTo('sources');

    // Sources: kind and citation; the interview makes its own ids, so answers name them by citation.
    const optionLabel = new Map<string, string>();
    for (const source of SCRIPT.sources ?? []) {
      await page.locator(`.source-form input[type=radio][value="${source.kind}"]`).check();
      await page.locator('.source-form input[id$="-citation"]').fill(source.citation);
      if (source.url) await page.locator('.source-form input[type=url]').fill(source.url);
      await page.getByRole('button', { name: 'Add the source' }).click();
      await page.locator('.answer-list li', { hasText: source.citation.slice(0, 40) }).waitFor();
      optionLabel.set(
        source.id,
        source.citation.length > 90 ? `${source.citation.slice(0, 88)}…` : source.citation,
      );
    }
    await continueTo('parties');

    // Parties: kind from the plain descriptions, who they are.
    const partyId = new Map<string, string>();
    for (const party of SCRIPT.parties) {
      await page.locator(`.party-form input[type=radio][value="${party.kind}"]`).check();
      await page.locator('.party-form input[id$="-label"]').fill(party.label ?? '');
      if (party.livedExperience !== undefined)
        await page
          .locator(`.party-form input[id$="-lived--${party.livedExperience ? 'yes' : 'no'}"]`)
          .check();
      if (party.userLed !== undefined)
        await page
          .locator(`.party-form input[id$="-led--${party.userLed ? 'yes' : 'no'}"]`)
          .check();
      await page.getByRole('button', { name: 'Add them' }).click();
      await page.locator('.answer-list li', { hasText: party.label ?? party.kind }).waitFor();
      partyId.set(party.id, slug(party.label ?? party.kind, 'party'));
    }
    await continueTo('parts');
    await page.locator('#part-0-title').fill(part.title);
    await screenshot(page, 'sleepwell-parts');

    // Each stage: every party's level, where it comes from and how sure it is.
    for (const stage of STAGE_ORDER) {
      await continueTo(`p1-${stage}`);
      for (const role of part.roles.filter((r) => r.stage === stage)) {
        const name = `${stage}-${partyId.get(role.party) ?? role.party}`;
        await page.locator(`#${name}--${role.level}`).check();
        if (role.source !== undefined)
          await page
            .locator(`#${name}-source`)
            .selectOption({ label: optionLabel.get(role.source) ?? role.source });
        await page.locator(`#${name}-certainty--${role.certainty ?? 'reported'}`).check();
        if (role.note !== undefined) await page.locator(`#${name}-note`).fill(role.note);
      }
      if (stage === 'piloting' && part.design?.respondsToEndUsers !== undefined)
        await page
          .locator(`#responds-to-end-users--${part.design.respondsToEndUsers ? 'yes' : 'no'}`)
          .check();
      if (stage === 'evaluation' && part.evidence?.evaluation !== undefined)
        await page.locator(`#evaluation-kind--${part.evidence.evaluation}`).check();
      if (stage === 'design') expect(await axeViolations(page), stage).toEqual([]);
    }

    // What was tried and did not happen.
    await continueTo('p1-attempts');
    if (part.attempts !== undefined) {
      expect(part.attempts, 'the script has no attempts').toEqual([]);
      await page.locator('#attempted--no').check();
    }
    // What it produces, and for which field.
    await continueTo('p1-produces');
    if (part.produces !== undefined) await page.locator(`#produces--${part.produces}`).check();
    if (part.serviceDomain !== undefined)
      await page.locator(`#service-domain--${part.serviceDomain}`).check();
    // Relationships it evens out.
    await continueTo('p1-relationships');
    if (part.relationships !== undefined) {
      expect(part.relationships, 'the script evens out nothing').toEqual([]);
      await page.locator('#evens-out--no').check();
    }
    // What makes it humane.
    await continueTo('p1-humane');
    for (const feature of part.humanising ?? []) {
      await page.locator('#humane-new').fill(feature);
      await page.getByRole('button', { name: 'Add it' }).click();
      await page.locator('.answer-list li', { hasText: feature }).waitFor();
    }
    // Research evidence.
    await continueTo('p1-evidence');
    const yn = (value: boolean) => (value ? 'yes' : 'no');
    if (part.evidence?.drivenByEvidence !== undefined)
      await page.locator(`#driven-by-evidence--${yn(part.evidence.drivenByEvidence)}`).check();
    if (part.evidence?.reviewed !== undefined)
      await page.locator(`#evidence-reviewed--${yn(part.evidence.reviewed)}`).check();
    // How it was designed.
    await continueTo('p1-design-process');
    if (part.design?.stages !== undefined) {
      await page.locator('#design-known--yes').check();
      for (const stage of part.design.stages)
        await page.locator(`#design-stages--${stage}`).check();
    }
    if (part.design?.iterations !== undefined)
      await page.locator('#design-iterations').fill(String(part.design.iterations));
    // What it calls itself.
    await continueTo('label');
    for (const model of SCRIPT.describedAs ?? [])
      await page.locator(`#described-as--${model}`).check();

    await continueTo('review');
    await page.locator('.full-reading').waitFor();
    expect(await axeViolations(page), 'review').toEqual([]);
    await screenshot(page, 'sleepwell-review');
    await page.locator('.publish button[type=submit]').click();
    await page.waitForURL(new RegExp(`/cases/${SCRIPT.id}$`));
    await page.locator('.grid').first().waitFor();
    expect(await page.locator('h1').innerText()).toBe(SCRIPT.title);

    // The case page shows the paper's verdicts, in words.
    for (const [model, fit] of Object.entries(PAPER) as [ModelId, Fit][]) {
      const card = page.locator('article.model-card').filter({
        has: page.getByRole('heading', { name: new RegExp(`^${MODEL_NAMES[model]}$`, 'i') }),
      });
      expect(await card.count(), model).toBeGreaterThan(0);
      expect(await card.first().getAttribute('class'), model).toContain(`model-${fit}`);
    }
    expect(await axeViolations(page), 'case page').toEqual([]);
    await screenshot(page, 'sleepwell-case');

    // The published case reads exactly as the library file does: the same fit for every model.
    const published = (await getJson(
      `/api/workspaces/${team}/cases/${SCRIPT.id}/analysis`,
    )) as Analysis;
    const library = analyse('sleepwell');
    expect(fitsOf(published)).toEqual(fitsOf(library));
    expect(fitsOf(published).overall).toEqual(PAPER);
    expect(published.components[0]?.humanisingWithoutEqualising).toBe(true);

    // And every claim was carried over: the same who-did-what, level, certainty and source.
    const { document } = (await getJson(`/api/workspaces/${team}/cases/${SCRIPT.id}`)) as {
      document: CaseFile;
    };
    const sourceOf = (doc: CaseFile, id: string | undefined) =>
      (doc.sources ?? []).find((s) => s.id === id)?.citation;
    const claims = (doc: CaseFile, ids: Map<string, string> | undefined) =>
      (doc.components[0]?.roles ?? [])
        .map((r) =>
          [
            r.stage,
            ids?.get(r.party) ?? r.party,
            r.level,
            r.certainty ?? 'reported',
            sourceOf(doc, r.source),
            r.note ?? '',
          ].join(' | '),
        )
        .sort();
    expect(claims(document, undefined)).toEqual(claims(SCRIPT, partyId));
    expect(document.components[0]?.humanising).toEqual(part.humanising);
    expect(document.components[0]?.evidence).toEqual(part.evidence);
    expect(document.components[0]?.design).toEqual(part.design);
    expect(scriptErrors).toEqual([]);
  });
});
