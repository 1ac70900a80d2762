// The request/reply channel (extension/src/content/port.ts) over a fake runtime port: replies by id,
// timeouts, pushes, worker restarts (disconnect -> pending fail -> reconnect -> onReconnect), dead context.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Channel, RequestError, type PortLike } from '../../../extension/src/content/port';
import type { Timers } from '../../../extension/src/content/throttle';

class FakePort implements PortLike {
  sent: any[] = [];
  private msg: ((m: unknown) => void)[] = [];
  private disc: (() => void)[] = [];
  onMessage = { addListener: (f: (m: unknown) => void) => { this.msg.push(f); } };
  onDisconnect = { addListener: (f: () => void) => { this.disc.push(f); } };
  postMessage(m: unknown) { this.sent.push(m); }
  disconnect() {}
  reply(m: unknown) { this.msg.forEach((f) => f(m)); }
  drop() { this.disc.forEach((f) => f()); }
}

function manualTimers() {
  const list = new Map<number, () => void>();
  let id = 0;
  const t: Timers = { set: (fn) => { list.set(++id, fn); return id; }, clear: (h) => { list.delete(h as number); }, now: () => 0 };
  return { t, fireAll: () => { const fns = [...list.values()]; list.clear(); fns.forEach((f) => f()); }, count: () => list.size };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

function setup() {
  const ports: FakePort[] = [];
  const pushes: unknown[] = [];
  let reconnects = 0, dead = 0, fail = false;
  const timers = manualTimers();
  const ch = new Channel(() => { if (fail) throw new Error('Extension context invalidated.'); const p = new FakePort(); ports.push(p); return p; },
    { onPush: (p) => pushes.push(p), onReconnect: () => reconnects++, onDead: () => dead++ }, 5000, timers.t);
  return { ch, ports, pushes, timers, get reconnects() { return reconnects; }, get dead() { return dead; }, failConnect: () => { fail = true; } };
}

test('replies are matched by id; errors reject with the coded error; pushes are routed', async () => {
  const s = setup();
  const a = s.ch.request<{ n: number }>({ type: 'page.hello', url: 'u' });
  const b = s.ch.request({ type: 'page.analysis', job_id: '1' });
  const [p] = s.ports;
  assert.equal(s.ports.length, 1, 'one port for both');
  assert.deepEqual(p.sent.map((m) => [m.id, m.type]), [[1, 'page.hello'], [2, 'page.analysis']]);
  p.reply({ id: 2, ok: false, error: { code: 2201, name: 'tool_missing', message: 'no host' } });
  p.reply({ id: 1, ok: true, result: { n: 7 } });
  p.reply({ type: 'profile.changed' });
  assert.deepEqual(await a, { n: 7 });
  await assert.rejects(b, (e: unknown) => e instanceof RequestError && e.error.name === 'tool_missing');
  assert.deepEqual(s.pushes, [{ type: 'profile.changed' }]);
  assert.equal(s.timers.count(), 0, 'answered requests leave no timer behind');
});

test('a request without an answer times out', async () => {
  const s = setup();
  const a = s.ch.request({ type: 'page.hello', url: 'u' });
  s.timers.fireAll();
  await assert.rejects(a, (e: unknown) => e instanceof RequestError && e.error.name === 'timeout');
  s.ports[0].reply({ id: 1, ok: true, result: 1 }); // late: ignored
});

test('worker restart: pending requests fail at once, the port reopens, onReconnect runs', async () => {
  const s = setup();
  const a = s.ch.request({ type: 'page.hello', url: 'u' });
  s.ports[0].drop();
  await assert.rejects(a, (e: unknown) => e instanceof RequestError && e.error.name === 'disconnected');
  assert.equal(s.ports.length, 1);
  s.timers.fireAll(); // the reconnect backoff
  assert.equal(s.ports.length, 2);
  await tick();
  assert.equal(s.reconnects, 1);
  const b = s.ch.request<number>({ type: 'page.hello', url: 'u' });
  s.ports[1].reply({ id: s.ports[1].sent[0].id, ok: true, result: 5 });
  assert.equal(await b, 5);
});

test('a dead extension context: onDead once, requests reject', async () => {
  const s = setup();
  s.failConnect();
  await assert.rejects(s.ch.request({ type: 'page.hello', url: 'u' }), RequestError);
  await assert.rejects(s.ch.request({ type: 'page.hello', url: 'u' }), RequestError);
  assert.equal(s.dead, 1);
  assert.equal(s.ch.dead, true);
});
