#!/usr/bin/env node
// Overlay benchmark: headless Chromium + the chromium-test build + the real host, on the E3 fixture
// page. Prints `name: value unit` lines (scripts/bench overlay). What each figure measures:
//
//   overlay.badges25_warm_p50_ms   25 new cards (clones of a fixture card with new job ids) are
//                                  inserted at the top of the result list in one DOM operation; a
//                                  MutationObserver in the page times performance.now() from the
//                                  insertion to the moment all 25 <joblens-badge>s exist with a
//                                  settled data-state (not pending). Median of 15 runs; the inserted
//                                  cards are removed between runs.
//   overlay.page_frame25_p50_ms    in the same runs, the page's own first frame with the new cards
//                                  (insertion -> next animation frame -> the task after it): what the
//                                  browser spends laying out and painting 25 cards, extension or not.
//                                  The background's reply is a task on the page's main thread, so it
//                                  cannot be handled before that frame is done.
//   overlay.badges25_after_frame_p50_ms  badges time minus that frame (0 when the badges came first)
//   overlay.badges25_hidden_p50_ms the same 25 cards inserted as hidden list items (no layout, no
//                                  paint): the extension's own path, content script -> background ->
//                                  content script -> badges, without the page's frame in the way
//   overlay.badges25_cold_ms       the same after stopping every service worker (CDP
//                                  ServiceWorker.stopAllWorkers), so the background must restart
//                                  (module load + WASM init + storage) and the content script must
//                                  reconnect its port. Median of 3 runs.
//   overlay.long_tasks             'longtask' entries (PerformanceObserver, all >50 ms by definition)
//                                  in the page while 200 cards are inserted in 20 batches of 10 while
//                                  scrolling to the bottom after each batch, until all 200 are badged.
//                                  A long task is any main-thread task of the page's process: the
//                                  content script's work is included but so is layout/style/other;
//                                  attribution to the extension is approximate.
//   extension.content_script_kb    size of build/extension/chromium/content.js (minified build), KiB
//   extension.wasm_kb              size of build/extension/chromium/joblens-core.wasm, KiB
//   bridge.p50_ms                  median of 200 round trips content script -> background -> host
//                                  (hello) -> background -> content script, timed in the content script
//                                  (test-build hook, extension/src/content/bench_hook.ts)
//   bridge.batch25_ms              the same with a jobs.upsert of 25 jobs at the host (median of 40)
//   overlay.background_cards25_ms  median over the warm runs of the background's own time for a
//                                  page.cards request of 25 cards (joblens.timings): validate + WASM
//                                  read and score + reply, not the port transit
// A figure that cannot be measured prints `name: pending (reason)` on stderr and nothing on stdout.
import path from 'node:path';
import { stat } from 'node:fs/promises';
import { startHarness, sleep, poll, ROOT } from '../extension/harness/harness.mjs';

const E3 = '/jobs/search/?era=E3&currentJobId=4038498138';
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const n = s.length; return n ? (n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2) : NaN; };
const out = (name, value, unit) => process.stdout.write(`${name}: ${value} ${unit}\n`);
const pending = (name, why) => process.stderr.write(`${name}: pending (${why})\n`);
const fmt = (x) => (Number.isFinite(x) ? (Math.round(x * 10) / 10).toString() : 'NaN');

// In the page (main world): clone the first fixture card 'count' times with new ids, insert them,
// resolve with ms until all are badged and settled. Rejects after timeoutMs with what it saw.
function insertAndTime({ startId, count, where, timeoutMs, hidden = false }) {
  // pristine card markup: the fixture's inert template for an occluded item (never touched by the extension)
  const tpl = document.querySelector('template[data-fixture-occluded="4038498140"]');
  const list = document.querySelector('li[data-occludable-job-id]')?.parentElement;
  if (!list || !tpl) return Promise.reject(new Error('no card template / list on the page (E3 fixture expected)'));
  const oldId = '4038498140';
  const ids = Array.from({ length: count }, (_, i) => String(startId + i));
  const frag = document.createDocumentFragment();
  for (const id of ids) {
    const li = document.createElement('li');
    li.className = 'ember-view occludable-update scaffold-layout__list-item';
    li.setAttribute('data-occludable-job-id', id);
    li.setAttribute('data-bench', '1');
    if (hidden) li.style.setProperty('display', 'none', 'important');  // no layout or paint: only the extension's path is timed
    li.append(tpl.content.cloneNode(true));
    for (const e of li.querySelectorAll('[data-job-id]')) e.setAttribute('data-job-id', id);
    for (const a of li.querySelectorAll('a[href]')) a.setAttribute('href', a.getAttribute('href').replace(oldId, id));
    frag.append(li);
  }
  const want = new Set(ids);
  const done = () => {
    let n = 0;
    for (const b of document.querySelectorAll('li[data-bench] joblens-badge')) {
      const s = b.getAttribute('data-state');
      if (want.has(b.getAttribute('data-job-id')) && s && s !== 'pending') n++;
    }
    return n;
  };
  return new Promise((resolve, reject) => {
    let t0;
    let ms = null;
    let paint = null;
    const finish = () => { if (ms !== null && paint !== null) { mo.disconnect(); clearTimeout(timer); resolve({ ms, paint }); } };
    const mo = new MutationObserver(() => { if (ms === null && done() >= count) { ms = performance.now() - t0; finish(); } });
    const timer = setTimeout(() => { mo.disconnect(); reject(new Error(`only ${done()} of ${count} inserted cards badged after ${timeoutMs} ms`)); }, timeoutMs);
    mo.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state', 'data-job-id'] });
    t0 = performance.now();
    if (where === 'top') list.prepend(frag); else list.append(frag);
    // The page's own first frame with the new cards: the next animation frame, then the task after
    // it (style, layout and paint of the 25 cards happen in between).
    requestAnimationFrame(() => setTimeout(() => { paint = performance.now() - t0; finish(); }, 0));
  });
}

const removeInserted = (page) => page.evaluate(() => { for (const li of document.querySelectorAll('li[data-bench]')) li.remove(); });

async function main() {
  const h = await startHarness({ name: 'bench' });
  try {
    // -------------------------------------------------------------------------------- sizes
    const ext = path.join(ROOT, 'build/extension/chromium');
    try { out('extension.content_script_kb', fmt((await stat(path.join(ext, 'content.js'))).size / 1024), 'KiB'); } catch (e) { pending('extension.content_script_kb', e.message); }
    try { out('extension.wasm_kb', fmt((await stat(path.join(ext, 'joblens-core.wasm'))).size / 1024), 'KiB'); } catch (e) { pending('extension.wasm_kb', e.message); }

    // -------------------------------------------------------------------------------- warm
    const page = await h.open(E3);
    await h.waitForBadges(page, 8);
    await sleep(300);
    const t0len = (await h.timings().catch(() => []))?.length ?? 0;
    const warm = [];
    const paints = [];
    const afterPaint = [];
    await page.evaluate(insertAndTime, { startId: 5100000000, count: 25, where: 'top', timeoutMs: 15000 }); // one discarded warm-up
    await removeInserted(page);
    for (let r = 0; r < 15; r++) {
      const run = await page.evaluate(insertAndTime, { startId: 5200000000 + r * 100, count: 25, where: 'top', timeoutMs: 15000 });
      warm.push(run.ms);
      paints.push(run.paint);
      afterPaint.push(Math.max(0, run.ms - run.paint));
      await removeInserted(page);
      await sleep(150);
    }
    out('overlay.badges25_warm_p50_ms', fmt(median(warm)), 'ms');
    out('overlay.page_frame25_p50_ms', fmt(median(paints)), 'ms');
    out('overlay.badges25_after_frame_p50_ms', fmt(median(afterPaint)), 'ms');
    const hiddenRuns = [];
    for (let r = 0; r < 15; r++) {
      hiddenRuns.push((await page.evaluate(insertAndTime, { startId: 5250000000 + r * 100, count: 25, where: 'top', timeoutMs: 15000, hidden: true })).ms);
      await removeInserted(page);
      await sleep(150);
    }
    out('overlay.badges25_hidden_p50_ms', fmt(median(hiddenRuns)), 'ms');
    process.stderr.write(`overlay.badges25_warm runs: ${warm.map(fmt).join(' ')}\n`);

    // The background's own share of those runs (validate + WASM read/score + reply)
    try {
      const timings = await h.timings();
      const t25 = (timings || []).slice(t0len).filter((t) => t.kind === 'cards' && t.n === 25).map((t) => t.ms);
      if (t25.length) out('overlay.background_cards25_ms', fmt(median(t25)), 'ms');
      else pending('overlay.background_cards25_ms', `no joblens.timings entries with kind 'cards' and n 25`);
    } catch (e) { pending('overlay.background_cards25_ms', e.message.split('\n')[0]); }

    // bridge.*: the content script's test-build hook (extension/src/content/bench_hook.ts) times
    // page.ping requests content script -> background -> host -> back, from inside the content script.
    const bridge = (msg) => page.evaluate((m) => new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('no pong from the content script (chromium-test build?)')), 20000);
      addEventListener('message', function on(e) {
        if (e.source !== window || e.data?.joblens_bench !== 'pong') return;
        removeEventListener('message', on);
        clearTimeout(t);
        resolve(e.data.times);
      });
      postMessage({ joblens_bench: 'ping', ...m }, '*');
    }), msg);
    try {
      await bridge({ n: 10, host: true });  // warm-up
      out('bridge.p50_ms', fmt(median(await bridge({ n: 200, host: true }))), 'ms');
      out('bridge.batch25_ms', fmt(median(await bridge({ n: 40, host: true, upsert: 25 }))), 'ms');
    } catch (e) { pending('bridge.p50_ms', e.message.split('\n')[0]); }

    // -------------------------------------------------------------------------------- cold
    const cold = [];
    for (let r = 0; r < 3; r++) {
      // a marker in the worker's global scope: gone afterwards only if the worker really restarted
      await h.sw(() => { globalThis.__benchMarker = true; return true; }, undefined, { what: 'set marker' });
      await h.stopServiceWorker();
      await sleep(500);
      let ms = null;
      try {
        ms = (await page.evaluate(insertAndTime, { startId: 5300000000 + r * 100, count: 25, where: 'top', timeoutMs: 20000 })).ms;
      } catch (e) { pending('overlay.badges25_cold_ms', `run ${r}: ${e.message}`); }
      const restarted = await h.sw(() => globalThis.__benchMarker !== true, undefined, { what: 'check marker' }).catch(() => null);
      if (ms !== null && restarted === true) cold.push(ms);
      else if (ms !== null) process.stderr.write(`overlay.badges25_cold run ${r}: worker was not restarted (marker ${restarted === false ? 'still set' : 'unreadable'}); run discarded\n`);
      await removeInserted(page);
      await sleep(300);
    }
    if (cold.length) { out('overlay.badges25_cold_ms', fmt(median(cold)), 'ms'); process.stderr.write(`overlay.badges25_cold runs: ${cold.map(fmt).join(' ')}\n`); }
    await page.close();

    // -------------------------------------------------------------------------------- long tasks
    const p2 = await h.context.newPage();
    h.pages.push(p2);
    await p2.addInitScript(() => {
      window.__lt = [];
      try { new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lt.push(e.duration); }).observe({ type: 'longtask', buffered: true }); } catch { /* unsupported */ }
    });
    await p2.goto(h.url + E3, { waitUntil: 'load' });
    await h.waitForBadges(p2, 8);
    await sleep(500);
    await p2.evaluate(() => { window.__lt.length = 0; });
    for (let b = 0; b < 20; b++) {
      await p2.evaluate(({ startId }) => {
        const tpl = document.querySelector('template[data-fixture-occluded="4038498140"]');
        const list = document.querySelector('li[data-occludable-job-id]').parentElement;
        for (let i = 0; i < 10; i++) {
          const id = String(startId + i);
          const li = document.createElement('li');
          li.className = 'ember-view occludable-update scaffold-layout__list-item';
          li.setAttribute('data-occludable-job-id', id);
          li.setAttribute('data-bench', '1');
          li.append(tpl.content.cloneNode(true));
          for (const e of li.querySelectorAll('[data-job-id]')) e.setAttribute('data-job-id', id);
          for (const a of li.querySelectorAll('a[href]')) a.setAttribute('href', a.getAttribute('href').replace('4038498140', id));
          list.append(li);
        }
        const sc = list.closest('.scaffold-layout__list') || document.scrollingElement;
        sc.scrollTop = sc.scrollHeight;
        window.scrollTo(0, document.body.scrollHeight);
      }, { startId: 5400000000 + b * 10 });
      await sleep(60);
    }
    let badged = 0;
    try {
      await poll(async () => { badged = await p2.evaluate(() => [...document.querySelectorAll('li[data-bench] joblens-badge')].filter((x) => x.getAttribute('data-state') && x.getAttribute('data-state') !== 'pending').length); return badged >= 200; }, { timeout: 20000, describe: () => `${badged} of 200 badged` });
      await sleep(300);
      const lt = await p2.evaluate(() => [...window.__lt]);
      // self-check: a deliberate 80 ms task must be seen, else the observer does not work here
      await p2.evaluate(() => { setTimeout(() => { const t = performance.now(); while (performance.now() - t < 80) { /* busy */ } }, 0); });
      const seen = await poll(() => p2.evaluate((n) => window.__lt.length > n, lt.length), { timeout: 3000 }).catch(() => false);
      if (!seen) pending('overlay.long_tasks', 'the longtask observer missed a deliberate 80 ms task');
      else out('overlay.long_tasks', lt.length, 'tasks');
      process.stderr.write(`overlay.long_tasks durations: ${lt.map(fmt).join(' ') || '-'} ms (observer self-check ${seen ? 'ok' : 'FAILED'})\n`);
    } catch (e) { pending('overlay.long_tasks', e.message.split('\n')[0]); }
  } finally {
    await h.close();
  }
}

main().catch((e) => { process.stderr.write(`overlay_bench: ${e.stack || e.message}\n`); process.exit(1); });
