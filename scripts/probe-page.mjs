#!/usr/bin/env node
// Probe one page with the extension: what layout the background detected, what every card read
// (with the selector step per field), the scores, the open job's skills, and the time to the last
// badge. Prints ONE JSON object on stdout; diagnostics go to stderr.
//
//   scripts/probe-page FILE_OR_URL [--profile FILE] [--job-id ID] [--timeout MS] [--screenshot FILE] [--no-host]
//
// FILE: a saved page (.html/.htm or .xhtml). It is served on 127.0.0.1 with the fixture server's
// strict CSP (the CSP constant is imported from tests/fixtures/server.mjs) under a LinkedIn-like
// path, because the test build's content script only acts on /jobs/* paths:
//   /jobs/search/?currentJobId=ID   when --job-id is given or the file mentions currentJobId=ID
//   /jobs/search/<file name>        otherwise
// Files beside it (same folder and below) are served too, and /static/* falls back to the fixtures'
// static folder, so fixture pages probe as they do in the tests.
// URL: opened as it is (http(s)://…).
// Uses build/extension/chromium-test and the real build/bin/joblens-host registered in a temp
// profile with a temp data dir (your own JobLens data is never touched).
import http from 'node:http';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { CSP } from '../tests/fixtures/server.mjs';
import { startHarness, poll, sleep, DEFAULT_PROFILE, ROOT } from '../tests/extension/harness/harness.mjs';

const FIXTURE_STATIC = path.join(ROOT, 'tests/fixtures/linkedin/static');
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.htm': 'text/html; charset=utf-8', '.xhtml': 'application/xhtml+xml; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp', '.woff2': 'font/woff2',
};

function usage(msg) {
  if (msg) process.stderr.write(`probe-page: ${msg}\n`);
  process.stderr.write('usage: scripts/probe-page FILE_OR_URL [--profile FILE] [--job-id ID] [--timeout MS] [--screenshot FILE] [--no-host]\n');
  process.exit(2);
}

function parseArgs(argv) {
  const o = { profile: DEFAULT_PROFILE, timeout: 20000, host: 'present' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => { if (i + 1 >= argv.length) usage(`${a} needs a value`); return argv[++i]; };
    if (a === '--profile') o.profile = path.resolve(val());
    else if (a === '--job-id') o.jobId = val();
    else if (a === '--timeout') o.timeout = Number(val());
    else if (a === '--screenshot') o.screenshot = path.resolve(val());
    else if (a === '--no-host') o.host = 'absent';
    else if (a === '-h' || a === '--help') usage();
    else if (a.startsWith('--')) usage(`unknown option ${a}`);
    else if (o.target) usage('one FILE_OR_URL only');
    else o.target = a;
  }
  if (!o.target) usage('FILE_OR_URL is required');
  if (!Number.isFinite(o.timeout) || o.timeout <= 0) usage('--timeout must be a positive number of ms');
  return o;
}

/** A one-page server: the saved file at a LinkedIn-like path, with the fixture CSP. */
async function serveFile(file, jobId) {
  const dir = path.dirname(file);
  const base = path.basename(file);
  const send = (res, status, type, body) => {
    res.writeHead(status, {
      'Content-Type': type, 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(body),
    });
    res.end(body);
  };
  const server = http.createServer(async (req, res) => {
    try {
      const u = new URL(req.url, 'http://127.0.0.1');
      const raw = req.url.split('?')[0];
      if (/\.\.|%2e|%2f|%5c|%00|\\/i.test(raw)) return send(res, 404, 'text/plain', 'not found\n');
      let f = null;
      if (u.pathname === '/jobs/search/' || u.pathname === `/jobs/search/${encodeURIComponent(base)}` || u.pathname === `/jobs/search/${base}`) f = file;
      else if (u.pathname.startsWith('/static/') && !existsSync(path.join(dir, u.pathname)) && existsSync(path.join(FIXTURE_STATIC, u.pathname.slice(8)))) f = path.join(FIXTURE_STATIC, u.pathname.slice(8));
      else {
        const cand = path.join(dir, decodeURIComponent(u.pathname));
        if (cand.startsWith(dir + path.sep) && existsSync(cand) && (await stat(cand)).isFile()) f = cand;
      }
      if (!f) return send(res, 404, 'text/plain', 'not found\n');
      const body = await readFile(f);
      return send(res, 200, TYPES[path.extname(f).toLowerCase()] || 'application/octet-stream', body);
    } catch (e) { send(res, 500, 'text/plain', `${e.message}\n`); }
  });
  await new Promise((r, j) => { server.once('error', j); server.listen(0, '127.0.0.1', r); });
  const url = `http://127.0.0.1:${server.address().port}`;
  const pagePath = jobId ? `/jobs/search/?currentJobId=${encodeURIComponent(jobId)}` : `/jobs/search/${encodeURIComponent(base)}`;
  return { url, pagePath, close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }) };
}

// Runs in the page (main world) before any page script: records when badges appear and settle.
function badgeClock() {
  const w = window;
  w.__joblensProbe = { firstBadge: null, lastBadge: null, lastChange: null };
  const mark = () => {
    const now = performance.now();
    const all = document.querySelectorAll('joblens-badge');
    if (!all.length) return;
    const settled = [...all].every((b) => b.getAttribute('data-state') && b.getAttribute('data-state') !== 'pending');
    const p = w.__joblensProbe;
    if (p.firstBadge === null) p.firstBadge = now;
    p.lastChange = now;
    if (settled) p.lastBadge = now;
  };
  new MutationObserver((muts) => {
    for (const m of muts) {
      // localName: XHTML pages (E4) keep the element name lower-case in nodeName
      if (m.type === 'attributes' ? m.target.localName === 'joblens-badge' : [...m.addedNodes].some((n) => n.localName === 'joblens-badge' || n.querySelector?.('joblens-badge'))) { mark(); return; }
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state', 'data-score'] });
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const isUrl = /^https?:\/\//i.test(o.target);
  let file = null;
  let jobId = o.jobId;
  if (!isUrl) {
    file = path.resolve(o.target);
    if (!existsSync(file)) usage(`no such file: ${o.target}`);
    if (!jobId) jobId = /currentJobId=(\d+)/.exec(await readFile(file, 'utf8'))?.[1];
  }
  let pagePath = null;
  const h = await startHarness({
    name: 'probe', host: o.host, profile: o.profile,
    serve: isUrl ? null : async () => { const s = await serveFile(file, jobId); pagePath = s.pagePath; return s; },
  });
  try {
    const page = await h.context.newPage();
    h.pages.push(page);
    await page.addInitScript(badgeClock);
    const url = isUrl ? o.target : h.url + pagePath;
    process.stderr.write(`probe-page: ${url}\n`);
    const res = await page.goto(url, { waitUntil: 'load', timeout: o.timeout });
    if (res && !res.ok()) process.stderr.write(`probe-page: HTTP ${res.status()} for ${url}\n`);
    // settle: no badge change for 1 s, or the timeout
    const end = Date.now() + o.timeout;
    let quietSince = Date.now(), lastSeen = null;
    for (;;) {
      const p = await page.evaluate(() => ({ ...window.__joblensProbe, n: document.querySelectorAll('joblens-badge').length }));
      const sig = JSON.stringify([p.n, p.lastChange]);
      if (sig !== lastSeen) { lastSeen = sig; quietSince = Date.now(); }
      if ((p.n > 0 && p.lastBadge !== null && Date.now() - quietSince > 1000) || Date.now() > end) break;
      if (p.n === 0 && Date.now() - quietSince > Math.min(o.timeout, 8000)) break; // nothing will come
      await sleep(100);
    }
    await sleep(200);
    const clock = await page.evaluate(() => window.__joblensProbe);
    const [layout, cards, detail, inputs] = await Promise.all([
      h.lastLayout().catch((e) => ({ error: e.message })),
      h.lastCards().catch((e) => ({ error: e.message })),
      h.lastDetail().catch((e) => ({ error: e.message })),
      h.lastInputs().catch(() => null),
    ]);
    const field = (v) => (typeof v === 'number' && v >= 0 ? v : null);
    const out = {
      url,
      layout: layout && typeof layout === 'object' && 'layout' in layout ? layout.layout : layout,
      cards: Array.isArray(cards) ? cards.map((c) => ({
        job_id: c.job_id ?? null, title: c.title ?? null, company: c.company ?? null, location: c.location ?? null,
        promoted: !!c.promoted, applied: !!c.applied, score: typeof c.score === 'number' ? c.score : null,
        ...(c.error ? { error: c.error } : {}),
        fields: Object.fromEntries(Object.entries(c.steps || {}).map(([k, v]) => [k, field(v)])),
      })) : cards,
      detail: detail && !detail.error ? {
        job_id: detail.job_id ?? null,
        title: inputs?.detail?.job?.title ?? null,
        skills: (detail.skills || []).map((s) => s.name),
      } : (detail?.error ? detail : null),
      ms_to_last_badge: clock?.lastBadge != null ? Math.round(clock.lastBadge) : null,
    };
    if (layout && typeof layout === 'object' && 'rule' in layout) out.layout_rule = layout.rule;
    if (o.screenshot) await page.screenshot({ path: o.screenshot, fullPage: true });
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  } finally {
    await h.close();
  }
}

main().catch((e) => { process.stderr.write(`probe-page: ${e.stack || e.message}\n`); process.exit(1); });
