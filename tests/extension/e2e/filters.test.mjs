// (c) The overlay filters hide exactly the expected cards (badge data-hidden + the card element
// display:none) and turning them off restores them. Settings go through joblens.setSettings.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, poll } from '../harness/harness.mjs';
import { PAGES } from '../harness/expected.mjs';

let h;
before(async () => { h = await startHarness({ name: 'filters' }); });
after(async () => { await h?.close(); });

const OFF = { enabled: true, hide_promoted: false, hide_applied: false, hide_below_threshold: false, blocked_companies: [], threshold: 60 };

/** Waits until the set of hidden cards (by reason) is `want` (id -> reason); every other card visible. */
async function expectHidden(page, ids, want, what) {
  let last = [];
  await poll(async () => {
    last = (await h.badges(page)).filter((b) => ids.includes(b.job_id));
    return last.length === ids.length && last.every((b) => {
      const reason = want[b.job_id] || '';
      return b.hidden === reason && b.cardHidden === Boolean(reason);
    });
  }, {
    timeout: 6000,
    describe: () => `${what}: want hidden ${JSON.stringify(want)}; badges: ${JSON.stringify(last.map((b) => ({ id: b.job_id, hidden: b.hidden, cardHidden: b.cardHidden, score: b.score })))}`,
  });
}

for (const key of ['e3', 'e4']) {
  const spec = PAGES[key];
  describe(`filters on ${spec.name}`, { concurrency: false }, () => {
    let page;
    before(async () => {
      await h.setSettings(OFF);
      page = await h.open(spec.path);
      await h.waitForBadges(page, spec.visible.length);
    });
    after(async () => { await page?.close(); await h.setSettings(OFF); });

    const hideAll = (list, reason) => Object.fromEntries(list.map((id) => [id, reason]));

    test('hide promoted, then restore', async () => {
      await h.setSettings({ hide_promoted: true });
      await expectHidden(page, spec.visible, hideAll(spec.promoted, 'promoted'), 'hide_promoted');
      await h.screenshot(page, `${spec.name}-hide-promoted`);
      await h.setSettings({ hide_promoted: false });
      await expectHidden(page, spec.visible, {}, 'hide_promoted off');
    });

    test('hide applied, then restore', async () => {
      await h.setSettings({ hide_applied: true });
      await expectHidden(page, spec.visible, hideAll(spec.applied, 'applied'), 'hide_applied');
      await h.setSettings({ hide_applied: false });
      await expectHidden(page, spec.visible, {}, 'hide_applied off');
    });

    test('hide below threshold, then restore', async () => {
      const badges = (await h.badges(page)).filter((b) => spec.visible.includes(b.job_id));
      const scores = badges.filter((b) => b.state === 'scored').map((b) => Number(b.score)).sort((a, b) => a - b);
      assert.ok(scores.length >= 2, `need scored badges, got ${JSON.stringify(badges)}`);
      // a threshold strictly between two distinct scores (no card sits on it)
      const distinct = [...new Set(scores)];
      assert.ok(distinct.length >= 2, `all cards have the same score ${distinct[0]}: cannot split them`);
      const mid = Math.floor(distinct.length / 2);
      const threshold = distinct[mid - 1] + 1; // cards with score < threshold are hidden
      const want = hideAll(badges.filter((b) => b.state === 'scored' && Number(b.score) < threshold).map((b) => b.job_id), 'below');
      await h.setSettings({ hide_below_threshold: true, threshold });
      await expectHidden(page, spec.visible, want, `hide_below_threshold at ${threshold} (scores ${scores.join(',')})`);
      await h.setSettings({ hide_below_threshold: false, threshold: 60 });
      await expectHidden(page, spec.visible, {}, 'hide_below_threshold off');
    });

    test('blocked company (case-insensitive), then restore', async () => {
      const [id, { company }] = Object.entries(spec.known)[1];
      const sameCompany = Object.entries(spec.known).filter(([, v]) => v.company === company).map(([k]) => k);
      // every visible card of that company (known table plus the background's own reading)
      const inputs = await h.lastInputs();
      const byCompany = (inputs.cards || []).filter((c) => spec.visible.includes(String(c.job_id)) && String(c.job.company).trim().toLowerCase() === company.toLowerCase()).map((c) => String(c.job_id));
      const want = hideAll([...new Set([id, ...sameCompany.filter((x) => spec.visible.includes(x)), ...byCompany])], 'blocked');
      await h.setSettings({ blocked_companies: [`  ${company.toUpperCase()} `.trim()] });
      await expectHidden(page, spec.visible, want, `blocked_companies [${company.toUpperCase()}]`);
      await h.setSettings({ blocked_companies: [] });
      await expectHidden(page, spec.visible, {}, 'blocked_companies []');
    });
  });
}
