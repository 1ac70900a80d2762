// Assertions shared by the e2e tests: badges against the core, panel against the core.
import assert from 'node:assert/strict';
import { inputsById, poll } from './harness.mjs';
import { scoreWithNode } from './core.mjs';
import { norm } from './expected.mjs';

/**
 * Every badge's data-score equals the node core's score for the exact job JSON the background
 * scored (joblens.lastInputs()). The selected job's badge must carry the full score: the core's score
 * for lastInputs().detail.job (its description included).
 * Returns { badges, inputs, expected: Map id -> core result }.
 */
export async function assertBadgesMatchCore(h, page, ids, { detailId = null } = {}) {
  if (detailId) {
    // The open job's badge switches to the full score once its description is scored: wait for the
    // panel, then for that badge to agree with it, so the snapshot below is not taken mid-update.
    const panel = await h.waitForPanel(page, { jobId: detailId });
    await poll(async () => (await h.badges(page)).find((b) => b.job_id === detailId)?.score === panel.score, {
      timeout: 5000, describe: () => `badge of the open job ${detailId} never showed the panel's score ${panel.score}`,
    });
  }
  const badges = await h.badges(page);
  const byId = new Map(badges.map((b) => [b.job_id, b]));
  const inputs = await h.lastInputs();
  assert.ok(inputs && Array.isArray(inputs.cards), `joblens.lastInputs() returned ${JSON.stringify(inputs)?.slice(0, 300)}`);
  const jobs = inputsById(inputs);
  const missingInputs = ids.filter((id) => !jobs.has(id));
  assert.deepEqual(missingInputs, [], `lastInputs().cards lacks job JSON for ${missingInputs.join(', ')} (has ${[...jobs.keys()].join(', ')})`);
  const results = await scoreWithNode(h.profile, ids.map((id) => jobs.get(id)));
  const expected = new Map(ids.map((id, i) => [id, results[i]]));
  let detailScore = null;
  if (detailId && inputs.detail?.job) detailScore = (await scoreWithNode(h.profile, [inputs.detail.job]))[0]?.score ?? null;
  const problems = [];
  for (const id of ids) {
    const b = byId.get(id);
    const want = expected.get(id);
    if (!b) { problems.push(`${id}: no <joblens-badge data-job-id="${id}">`); continue; }
    if (want.error) {
      if (b.state !== 'error') problems.push(`${id}: core says error ${want.error.name} (${want.error.message}) but badge state=${b.state} score=${b.score}`);
      continue;
    }
    if (b.state !== 'scored') { problems.push(`${id}: badge state=${b.state}, expected scored (core score ${want.score})`); continue; }
    const got = Number(b.score);
    // The open job: its badge must show the score of the full posting (description included).
    if (id === detailId ? detailScore !== null && got === detailScore : got === want.score) continue;
    problems.push(`${id}: badge data-score=${b.score}, core score for lastInputs job = ${want.score}${id === detailId ? ` (detail score ${detailScore})` : ''}; job=${JSON.stringify(jobs.get(id)).slice(0, 300)}`);
  }
  assert.deepEqual(problems, [], `badge scores differ from the core:\n${problems.join('\n')}`);
  return { badges, inputs, jobs, expected };
}

/** The background's job JSON has the fixture's title and company for known cards. */
export function assertKnownCards(jobs, known) {
  const problems = [];
  for (const [id, want] of Object.entries(known)) {
    const j = jobs.get(String(id));
    if (!j) continue; // not on the page yet (occluded): other tests cover it
    const src = typeof j.description === 'string' && j.description ? ' [this job JSON has a description: it is the details-pane job the badge was scored with]' : '';
    if (norm(j.title) !== norm(want.title)) problems.push(`${id}: title ${JSON.stringify(j.title)} != fixture ${JSON.stringify(want.title)}${src}`);
    if (norm(j.company) !== norm(want.company)) problems.push(`${id}: company ${JSON.stringify(j.company)} != fixture ${JSON.stringify(want.company)}${src}`);
  }
  assert.deepEqual(problems, [], `job JSON differs from the fixture:\n${problems.join('\n')}`);
}

/** The panel shows the skills the core finds in lastInputs().detail.job. */
export async function assertPanelMatchesCore(h, page, jobId) {
  const panel = await h.waitForPanel(page, { jobId });
  const inputs = await h.lastInputs();
  assert.ok(inputs?.detail?.job, `lastInputs().detail is ${JSON.stringify(inputs?.detail)}`);
  const want = (await scoreWithNode(h.profile, [inputs.detail.job]))[0];
  assert.ok(!want.error, `core refused the detail job: ${JSON.stringify(want.error)}`);
  const sorted = (a) => [...(a || [])].sort();
  const got = { score: Number(panel.score), matched: sorted(panel.matched), missing_required: sorted(panel.missing_required), missing_nice: sorted(panel.missing_nice) };
  const exp = { score: want.score, matched: sorted(want.matched_skills), missing_required: sorted(want.missing_required), missing_nice: sorted(want.missing_nice_to_have) };
  assert.deepEqual(got, exp, `panel for ${jobId} differs from the core's result for lastInputs().detail.job`);
  assert.equal(panel.count, 1, 'exactly one <joblens-panel>');
  return { panel, want, inputs };
}

/**
 * What the content script read (joblens.lastCards(): CardResult) agrees with the fixture: the
 * promoted and applied flags of every visible card, and title/company of the known cards.
 */
export async function assertCardResults(h, spec, ids = spec.visible) {
  const cards = await h.lastCards();
  assert.ok(Array.isArray(cards), `joblens.lastCards() returned ${JSON.stringify(cards)?.slice(0, 200)}`);
  const byId = new Map(cards.filter((c) => c.job_id).map((c) => [String(c.job_id), c]));
  const problems = [];
  for (const id of ids) {
    const c = byId.get(id);
    if (!c) { problems.push(`${id}: not in lastCards() (ids: ${[...byId.keys()].join(', ')})`); continue; }
    const promoted = spec.promoted.includes(id) || (spec.promotedOccluded || []).includes(id);
    if (Boolean(c.promoted) !== promoted) problems.push(`${id}: promoted=${c.promoted}, fixture ${promoted} (steps.promoted=${c.steps?.promoted})`);
    const applied = spec.applied.includes(id);
    if (Boolean(c.applied) !== applied) problems.push(`${id}: applied=${c.applied}, fixture ${applied} (steps.applied=${c.steps?.applied})`);
    const want = spec.known[id];
    if (want && norm(c.title) !== norm(want.title)) problems.push(`${id}: CardResult.title ${JSON.stringify(c.title)} != fixture ${JSON.stringify(want.title)}`);
    if (want && norm(c.company) !== norm(want.company)) problems.push(`${id}: CardResult.company ${JSON.stringify(c.company)} != fixture ${JSON.stringify(want.company)}`);
  }
  assert.deepEqual(problems, [], `lastCards() differs from the fixture:\n${problems.join('\n')}`);
}
