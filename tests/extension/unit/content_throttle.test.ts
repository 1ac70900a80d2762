// The flush throttle (extension/src/content/throttle.ts) with a fake clock: the first burst runs on
// the next task, later pokes at most once per interval, pokes coalesce.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Throttle, type Timers } from '../../../extension/src/content/throttle';

function fakeClock() {
  let now = 1000;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let next = 1;
  const t: Timers = {
    set: (fn, ms) => { const id = next++; timers.push({ at: now + ms, fn, id }); return id; },
    clear: (id) => { timers = timers.filter((x) => x.id !== id); },
    now: () => now,
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      timers.sort((a, b) => a.at - b.at);
      const due = timers[0];
      if (!due || due.at > end) break;
      timers.shift();
      now = due.at;
      due.fn();
    }
    now = end;
  };
  return { t, advance, pending: () => timers.length };
}

test('the first poke runs on the next task (leading edge), coalescing a burst', () => {
  const c = fakeClock();
  let runs = 0;
  const th = new Throttle(() => runs++, 100, c.t);
  for (let i = 0; i < 25; i++) th.poke();
  assert.equal(runs, 0);
  assert.equal(c.pending(), 1);
  c.advance(0);
  assert.equal(runs, 1);
});

test('while pokes keep coming: at most one run per interval', () => {
  const c = fakeClock();
  const at: number[] = [];
  const th = new Throttle(() => at.push(c.t.now()), 100, c.t);
  for (let ms = 0; ms < 1000; ms += 10) { th.poke(); c.advance(10); }
  c.advance(200);
  assert.ok(at.length >= 9 && at.length <= 11, `runs: ${at.length}`);
  for (let i = 1; i < at.length; i++) assert.ok(at[i] - at[i - 1] >= 100, `gap ${at[i] - at[i - 1]}`);
});

test('after a quiet period the next poke is leading-edge again; cancel drops a pending run', () => {
  const c = fakeClock();
  let runs = 0;
  const th = new Throttle(() => runs++, 100, c.t);
  th.poke(); c.advance(0);
  c.advance(500);
  th.poke(); c.advance(0);
  assert.equal(runs, 2);
  th.poke(); // within the interval: scheduled for later
  th.cancel();
  c.advance(1000);
  assert.equal(runs, 2);
});

test('pokeNow runs synchronously after a quiet period, and throttles like poke inside the interval', () => {
  const { t, advance, pending } = fakeClock();
  let runs = 0;
  const th = new Throttle(() => { runs++; }, 100, t);
  th.pokeNow();
  assert.equal(runs, 1);            // no timer: the observer's callback did the work
  assert.equal(pending(), 0);
  advance(10);
  th.pokeNow();                     // inside the interval: deferred to its end
  th.pokeNow();
  assert.equal(runs, 1);
  advance(89);
  assert.equal(runs, 1);
  advance(1);
  assert.equal(runs, 2);
  advance(500);
  th.pokeNow();
  assert.equal(runs, 3);
});
