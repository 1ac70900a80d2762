import './fake_chrome';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeJob, Recorder } from '../../../extension/src/background/recorder';
import type { Background } from '../../../extension/src/background/context';

function fakeBackground() {
  const writes: { type: string; args: Record<string, unknown> }[] = [];
  const recorded: number[] = [];
  const bg = {
    core: { rules: { version: 'v' } },
    health: { record: async (_u: string, _l: string, _v: string, steps: unknown[]) => { recorded.push(steps.length); } },
    host: { write: async (type: string, args: Record<string, unknown>) => { writes.push({ type, args }); } },
  } as unknown as Background;
  return { bg, writes, recorded };
}

test('recorder: a burst of reads becomes one jobs.upsert and reports of at most 200 entries, after the burst', async () => {
  const { bg, writes, recorded } = fakeBackground();
  const r = new Recorder(bg);
  const steps = Array.from({ length: 25 }, () => ({ a: 0, b: 1, c: -1, d: 0, e: 0, f: 0, g: 0, h: 0, i: 0 }));
  r.add('https://www.linkedin.com/jobs/search/', 'e3', steps, [{ id: '1', title: 'A', company: 'X' }]);
  r.add('https://www.linkedin.com/jobs/search/', 'e3', [], [{ id: '2', title: 'B', company: 'Y' }]);
  assert.equal(writes.length, 0);  // nothing while the burst goes on
  await r.flush();
  assert.deepEqual(writes.map((w) => w.type), ['jobs.upsert', 'selectors.report', 'selectors.report']);
  assert.deepEqual((writes[0].args.jobs as { id: string }[]).map((j) => j.id), ['1', '2']);
  assert.deepEqual(writes.slice(1).map((w) => (w.args.fields as unknown[]).length), [200, 25]);
  assert.deepEqual(recorded, [25]);
});

test('recorder: writes by itself once the page is quiet', async () => {
  const { bg, writes } = fakeBackground();
  new Recorder(bg).add('u', 'e4', [{ title: 0 }], []);
  await new Promise((r) => setTimeout(r, 400));
  assert.deepEqual(writes.map((w) => w.type), ['selectors.report']);
});

test('mergeJob: later values win, empty ones never erase', () => {
  const card = { id: '7', title: 'Engineer', company: 'Acme', location: 'Berlin' };
  const pane = { id: '7', title: 'Engineer', company: '', location: '', description: 'Python and SQL' };
  assert.deepEqual(mergeJob(card, pane), { ...card, description: 'Python and SQL' });
  assert.deepEqual(mergeJob(undefined, card), card);
});
