import { load } from 'js-yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.js';
import {
  Client,
  PASSWORD,
  addMember,
  caseText,
  setupOwner,
  startHarness,
  type Harness,
} from '../../test/server-harness.js';

describe.each(DIALECTS)('drafts, own accounts and similar cases on %s', (dialect) => {
  let h: Harness;
  let owner: Client;
  let ws: string;
  beforeEach(async () => {
    h = await startHarness(dialect, {
      library: [
        'cases/sleepwell.yaml',
        'cases/dial-house-leeds.yaml',
        'cases/hearing-voices-network.yaml',
      ],
    });
    ({ owner, workspace: ws } = await setupOwner(h.app));
  });
  afterEach(() => h.close());

  it('keeps an incomplete case as a draft at every step, says what is missing, and publishes it once complete', async () => {
    const started = await owner.post(`/api/workspaces/${ws}/drafts`, {
      document: { format: 'coprism/1', title: 'Peer cafe' },
    });
    expect(started.statusCode).toBe(201);
    const draft = started.json();
    expect(draft.problems.map((p: { field: string }) => p.field)).toEqual(
      expect.arrayContaining(['id', 'parties', 'components']),
    );
    expect(draft.analysis).toBeNull();
    const full = load(caseText('dial-house-leeds')) as Record<string, unknown>;
    const step = await owner.put(`/api/workspaces/${ws}/drafts/${draft.id}`, {
      document: { ...full, id: 'peer-cafe' },
    });
    expect(step.json().problems).toEqual([]);
    expect(step.json().analysis.case).toBe('peer-cafe');
    const listed = (await owner.get(`/api/workspaces/${ws}/drafts`)).json().drafts;
    expect(listed).toEqual([expect.objectContaining({ id: draft.id, case: null })]);
    const published = await owner.post(`/api/workspaces/${ws}/drafts/${draft.id}/publish`, {
      message: 'Recorded in the interview',
    });
    expect(published.statusCode).toBe(201);
    expect(published.json().id).toBe('peer-cafe');
    expect((await owner.get(`/api/workspaces/${ws}/drafts/${draft.id}`)).statusCode).toBe(404);
  });

  it('keeps the step to resume at with the draft, so another browser opens it there', async () => {
    const draft = (await owner.post(`/api/workspaces/${ws}/drafts`, {})).json();
    expect(draft.step).toBeNull();
    h.clock.now = new Date(h.clock.now.getTime() + 60_000);
    const moved = await owner.patch(`/api/workspaces/${ws}/drafts/${draft.id}`, {
      step: 'p1-design',
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toEqual({ id: draft.id, step: 'p1-design' });
    // The same person signed in elsewhere (a new session, no shared browser storage).
    const laptop = new Client(h.app);
    await laptop.post('/api/session', { email: 'owner@example.org', password: PASSWORD });
    const there = (await laptop.get(`/api/workspaces/${ws}/drafts/${draft.id}`)).json();
    expect(there.step).toBe('p1-design');
    // A move is not a change: the draft's time stays; saving answers keeps the step.
    expect(there.updatedAt).toBe(draft.updatedAt);
    await laptop.put(`/api/workspaces/${ws}/drafts/${draft.id}`, {
      document: { format: 'coprism/1', title: 'Moved on' },
    });
    expect((await owner.get(`/api/workspaces/${ws}/drafts/${draft.id}`)).json().step).toBe(
      'p1-design',
    );

    for (const step of ['', 'P1 Design', '../x', 'x'.repeat(101), 7]) {
      const bad = await owner.patch(`/api/workspaces/${ws}/drafts/${draft.id}`, { step });
      expect(bad.statusCode, String(step)).toBe(400);
      expect(bad.headers['content-type']).toContain('application/problem+json');
    }
    expect(
      (await owner.patch(`/api/workspaces/${ws}/drafts/${draft.id}`, { step: 'about', more: 1 }))
        .statusCode,
    ).toBe(400);
    expect(
      (await owner.patch(`/api/workspaces/${ws}/drafts/no-such-draft`, { step: 'about' }))
        .statusCode,
    ).toBe(404);
    const editor = await addMember(h.app, owner, ws, 'editor', 'ed@example.org');
    expect(
      (await editor.patch(`/api/workspaces/${ws}/drafts/${draft.id}`, { step: 'about' }))
        .statusCode,
    ).toBe(404);
    const viewer = await addMember(h.app, owner, ws, 'viewer', 'vi@example.org');
    expect(
      (await viewer.patch(`/api/workspaces/${ws}/drafts/${draft.id}`, { step: 'about' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await new Client(h.app).patch(`/api/workspaces/${ws}/drafts/${draft.id}`, { step: 'about' }))
        .statusCode,
    ).toBe(404);
    expect((await owner.get(`/api/workspaces/${ws}/drafts/${draft.id}`)).json().step).toBe(
      'p1-design',
    );
  });

  it('refuses to publish an incomplete draft, keeps drafts private, and refuses a change made from a replaced revision', async () => {
    const incomplete = (await owner.post(`/api/workspaces/${ws}/drafts`, {})).json();
    const refused = await owner.post(`/api/workspaces/${ws}/drafts/${incomplete.id}/publish`, {});
    expect(refused.statusCode).toBe(422);
    expect(refused.json().problems.length).toBeGreaterThan(0);
    const editor = await addMember(h.app, owner, ws, 'editor', 'ed@example.org');
    expect((await editor.get(`/api/workspaces/${ws}/drafts/${incomplete.id}`)).statusCode).toBe(
      404,
    );
    const viewer = await addMember(h.app, owner, ws, 'viewer', 'vi@example.org');
    expect((await viewer.post(`/api/workspaces/${ws}/drafts`, {})).statusCode).toBe(403);

    await owner.post(`/api/workspaces/${ws}/cases`, { text: caseText('sleepwell') });
    const change = (await owner.post(`/api/workspaces/${ws}/drafts`, { case: 'sleepwell' })).json();
    expect(change.baseRevision).toBe(1);
    expect(change.document.id).toBe('sleepwell');
    await editor.put(`/api/workspaces/${ws}/cases/sleepwell`, {
      text: caseText('sleepwell').replace(/^title: .*$/m, 'title: Changed meanwhile'),
      revision: 1,
    });
    const stale = await owner.post(`/api/workspaces/${ws}/drafts/${change.id}/publish`, {});
    expect(stale.statusCode).toBe(409);
    expect((await owner.get(`/api/workspaces/${ws}/drafts/${change.id}`)).statusCode).toBe(200);
  });

  it('adds a person’s own account beside the others, shows the disagreement, and replaces only their own claims', async () => {
    await owner.post(`/api/workspaces/${ws}/cases`, { text: caseText('sleepwell') });
    const before = (await owner.get(`/api/workspaces/${ws}/cases/sleepwell`)).json();
    const component = before.document.components[0];
    const claim = component.roles[0];
    const otherLevel = claim.level === 'partner' ? 'consulted' : 'partner';
    const member = await addMember(h.app, owner, ws, 'editor', 'sam@example.org');
    const added = await member.post(`/api/workspaces/${ws}/cases/sleepwell/my-account`, {
      component: component.id,
      claims: [{ party: claim.party, stage: claim.stage, level: otherLevel, note: 'I was there.' }],
      revision: 1,
    });
    expect(added.statusCode).toBe(200);
    const doc = added.json().document;
    const source = doc.sources.find((s: { kind: string }) => s.kind === 'self-report');
    expect(source.citation).toContain('sam');
    const roles = doc.components[0].roles;
    expect(roles).toContainEqual(claim);
    expect(roles).toContainEqual(
      expect.objectContaining({
        party: claim.party,
        stage: claim.stage,
        level: otherLevel,
        source: source.id,
      }),
    );
    const analysis = (await member.get(`/api/workspaces/${ws}/cases/sleepwell/analysis`)).json();
    expect(
      analysis.components[0].uncertainties.some((u: { kind: string }) => u.kind === 'disagreement'),
    ).toBe(true);
    // Saying it again replaces their own claim, not anyone else's.
    const again = await member.post(`/api/workspaces/${ws}/cases/sleepwell/my-account`, {
      component: component.id,
      claims: [{ party: claim.party, stage: claim.stage, level: claim.level }],
      revision: 2,
    });
    const mine = again
      .json()
      .document.components[0].roles.filter((r: { source?: string }) => r.source === source.id);
    expect(mine).toEqual([expect.objectContaining({ level: claim.level })]);
    expect(again.json().document.components[0].roles).toContainEqual(claim);
    const stale = await member.post(`/api/workspaces/${ws}/cases/sleepwell/my-account`, {
      component: component.id,
      claims: [{ party: claim.party, stage: 'design', level: 'none' }],
      revision: 1,
    });
    expect(stale.statusCode).toBe(409);
    const badParty = await member.post(`/api/workspaces/${ws}/cases/sleepwell/my-account`, {
      component: component.id,
      claims: [{ party: 'nobody', stage: 'design', level: 'none' }],
      revision: 3,
    });
    expect(badParty.statusCode).toBe(422);
    const badPart = await member.post(`/api/workspaces/${ws}/cases/sleepwell/my-account`, {
      component: 'nothing',
      claims: [{ party: claim.party, stage: 'design', level: 'none' }],
      revision: 3,
    });
    expect(badPart.statusCode).toBe(422);
  });

  it('finds the most similar cases by the shape of their grids, and lists cards with their reading', async () => {
    await owner.post(`/api/workspaces/${ws}/cases`, { text: caseText('dial-house-leeds') });
    const similar = (await owner.get(`/api/workspaces/${ws}/cases/dial-house-leeds/similar`)).json()
      .similar;
    expect(similar[0]).toMatchObject({
      workspace: 'library',
      id: 'dial-house-leeds',
      score: 1,
      differences: [],
    });
    expect(similar.map((s: { score: number }) => s.score)).toEqual(
      [...similar].map((s: { score: number }) => s.score).sort((a: number, b: number) => b - a),
    );
    expect(similar[1].differences.length).toBeGreaterThan(0);
    const inLibrary = (await owner.get('/api/workspaces/library/cases/sleepwell/similar')).json()
      .similar;
    expect(inLibrary.map((s: { id: string }) => s.id)).not.toContain('sleepwell');
    const cards = (await owner.get('/api/workspaces/library/cases')).json().items;
    const analysis = (await owner.get('/api/workspaces/library/cases/sleepwell/analysis')).json();
    expect(cards.find((c: { id: string }) => c.id === 'sleepwell').reading).toBe(
      analysis.overall.summary,
    );
  });
});
