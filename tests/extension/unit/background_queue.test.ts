import { fakeStorage } from './fake_chrome';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WriteQueue } from '../../../extension/src/background/write_queue';
import { reportBatches, tally, type PageHealth } from '../../../extension/src/background/health';
import { checkSettings, KEYS } from '../../../extension/src/background/storage';
import { codedError } from '../../../extension/src/background/errors';

const away = (e: unknown) => (e as { codeName?: string }).codeName === 'host_unavailable';

test('write queue: persisted, flushed in order, kept when the host is away, survives a restart', async () => {
  fakeStorage.clear();
  const q = new WriteQueue();
  await q.push('jobs.upsert', { jobs: [{ id: '1' }] });
  await q.push('selectors.report', { fields: [] });
  const stored = () => [...fakeStorage.keys()].filter((k) => k.startsWith(`${KEYS.queue}.`));
  assert.equal(stored().length, 2);
  // host away: nothing leaves the queue
  assert.equal(await q.flush(async () => { throw codedError('host_unavailable'); }, away), 0);
  assert.equal(q.size, 2);
  // a new background life reads the same queue back
  const again = new WriteQueue();
  await again.push('settings.put', { settings: {} });
  assert.equal(again.size, 3);
  const sent: string[] = [];
  assert.equal(await again.flush(async (w) => { sent.push(w.type); }, away), 3);
  assert.deepEqual(sent, ['jobs.upsert', 'selectors.report', 'settings.put']);
  assert.deepEqual(stored(), []);
});

test('write queue: a write the host refuses is dropped with its reason, the rest still go', async () => {
  fakeStorage.clear();
  const q = new WriteQueue();
  await q.push('jobs.upsert', { jobs: 'bad' });
  await q.push('jobs.upsert', { jobs: [] });
  let calls = 0;
  await q.flush(async () => { if (calls++ === 0) throw codedError('wrong_type', 'args.jobs must be an array'); }, away);
  assert.equal(q.size, 0);
  assert.match(q.lastError ?? '', /jobs must be an array/);
});

test('write queue: bounded, selector reports go first, and drops are counted', async () => {
  fakeStorage.clear();
  const q = new WriteQueue();
  await q.push('selectors.report', { n: 0 });
  for (let i = 0; i < 1000; i++) await q.push('jobs.upsert', { n: i });
  assert.equal(q.size, 1000);
  assert.equal(fakeStorage.size, 1000);
  assert.equal(q.dropped, 1);
  const first: string[] = [];
  await q.flush(async (w) => { if (first.length < 1) first.push(w.type); }, away);
  assert.deepEqual(first, ['jobs.upsert']);
});

test('health: hits, misses and first choices per field; reports split at 200 entries', () => {
  const page: PageHealth = { url: 'u', layout: 'e3', rules_version: 'v', at: 0, fields: {} };
  tally(page, { title: 0, salary: -1 });
  tally(page, { title: 2, salary: -1 });
  assert.deepEqual(page.fields.title, { hits: 2, misses: 0, first_choice: 1 });
  assert.deepEqual(page.fields.salary, { hits: 0, misses: 2, first_choice: 0 });
  const steps = Array.from({ length: 25 }, () => ({ a: 0, b: 1, c: -1, d: 0, e: 0, f: 0, g: 0, h: 0, i: 0 }));
  const batches = reportBatches(steps);
  assert.deepEqual(batches.map((b) => b.length), [200, 25]);
  assert.deepEqual(batches[0][2], { field: 'c', step: -1 });
});

test('settings: defaults fill gaps; bad values are refused with the field named; companies deduplicated', () => {
  const s = checkSettings({ threshold: 70, blocked_companies: [' Globex ', 'Globex', ''] });
  assert.equal(s.threshold, 70);
  assert.equal(s.enabled, true);
  assert.deepEqual(s.blocked_companies, ['Globex']);
  assert.throws(() => checkSettings({ threshold: 101 }), /threshold/);
  assert.throws(() => checkSettings({ hide_promoted: 'yes' }), /hide_promoted/);
  assert.throws(() => checkSettings({ blocked_companies: [3] }), /blocked_companies/);
});
