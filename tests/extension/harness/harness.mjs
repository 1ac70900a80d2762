// Browser harness for the JobLens extension's end-to-end tests, the probe tool and the overlay bench.
//
//   const h = await startHarness({ name: 'e3', host: 'present' });   // or host: 'absent'
//   const page = await h.open('/jobs/search/?era=E3&currentJobId=4038498138');
//   await h.waitForBadges(page, 8);
//   const badges = await h.badges(page);
//   await h.screenshot(page, 'e3');
//   await h.close();                                                  // always (use try/finally)
//
// Each harness owns: a fresh Chromium user-data dir (with the real host registered in it unless
// host:'absent'), a fresh JobLens data dir (JOBLENS_DATA_DIR in Chromium's environment, inherited by
// the host), an in-process fixture server on 127.0.0.1:0, and one headless Chromium with the
// chromium-test build of the extension (recipe: /work/shared/research/toolchain.md).
// Every wait has a timeout with a message that says what was seen instead.
import { chromium } from 'playwright-core';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, readlink, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startFixtureServer } from '../../fixtures/server.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const EXT_DIR = process.env.JOBLENS_EXTENSION_DIR ? path.resolve(process.env.JOBLENS_EXTENSION_DIR) : path.join(ROOT, 'build/extension/chromium-test');
export const HOST_BIN = path.join(ROOT, 'build/bin/joblens-host');
export const ARTIFACTS = path.join(ROOT, 'build/test-artifacts/extension');
export const DEFAULT_PROFILE = path.join(ROOT, 'examples/profile.json');
export const CHROMIUM = process.env.JOBLENS_CHROMIUM || '/usr/bin/chromium';
export const EXTENSION_ID = 'cogkllkoklmdkhbmepoennlndflfccjn';
const run = promisify(execFile);

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Rejects after `ms` with `message()` (a function, so it can describe the state at timeout time). */
export async function withTimeout(promise, ms, message) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => {
      let m;
      try { m = typeof message === 'function' ? message() : message; } catch (e) { m = String(e); }
      Promise.resolve(m).then((text) => reject(new Error(`timeout after ${ms} ms: ${text}`)), reject);
    }, ms);
  });
  try { return await Promise.race([promise, timeout]); } finally { clearTimeout(timer); }
}

/** Polls `fn` (async) until it returns a truthy value; on timeout throws with describe(lastValue). */
export async function poll(fn, { timeout = 10000, interval = 100, describe = (v) => JSON.stringify(v) } = {}) {
  const end = Date.now() + timeout;
  let last, lastErr;
  for (;;) {
    try { last = await fn(); lastErr = undefined; if (last) return last; } catch (e) { lastErr = e; }
    if (Date.now() > end) {
      const what = lastErr ? `last error: ${lastErr.message}` : `last value: ${describe(last)}`;
      throw new Error(`timeout after ${timeout} ms; ${what}`);
    }
    await sleep(interval);
  }
}

/** Builds are made by others; wait (bounded) for the test build to exist. */
export async function requireBuild({ timeout = 0, extensionDir = EXT_DIR } = {}) {
  const need = [path.join(extensionDir, 'background.js'), path.join(extensionDir, 'content.js'), path.join(extensionDir, 'manifest.json'), HOST_BIN, CHROMIUM];
  const missing = () => need.filter((f) => !existsSync(f));
  if (timeout) await poll(async () => missing().length === 0, { timeout, interval: 1000, describe: () => `missing ${missing().join(', ')}` });
  const m = missing();
  if (m.length) throw new Error(`missing build outputs: ${m.join(', ')} (run scripts/build && node scripts/build-extension.mjs)`);
}

// ------------------------------------------------------------------------------------------- the host
/** Registers the real host in a Chromium user-data dir (docs/installer.md). */
export async function registerHost(userDataDir, { hostBin = HOST_BIN } = {}) {
  const { stdout } = await run(hostBin, ['install', '--browser', 'chromium', '--user-data-dir', userDataDir]);
  const manifest = path.join(userDataDir, 'NativeMessagingHosts', 'app.joblens.host.json');
  if (!existsSync(manifest)) throw new Error(`joblens-host install did not write ${manifest} (stdout: ${stdout.trim()})`);
  return manifest;
}

/** PIDs of joblens-host processes whose environment or command line names `dataDir` (ours only). */
export async function hostPidsFor(dataDir) {
  const pids = [];
  for (const ent of await readdir('/proc').catch(() => [])) {
    if (!/^\d+$/.test(ent)) continue;
    try {
      const exe = await readlink(`/proc/${ent}/exe`).catch(() => '');
      if (!exe.endsWith('/joblens-host')) continue;
      const env = await readFile(`/proc/${ent}/environ`, 'utf8').catch(() => '');
      const cmd = await readFile(`/proc/${ent}/cmdline`, 'utf8').catch(() => '');
      if (env.split('\0').includes(`JOBLENS_DATA_DIR=${dataDir}`) || cmd.split('\0').includes(dataDir)) pids.push(Number(ent));
    } catch { /* gone */ }
  }
  return pids;
}

/**
 * A direct client of `joblens-host --data-dir DIR` (4-byte little-endian length + JSON frames), used
 * to check what reached the database. Two hosts on one database is supported (WAL).
 */
export async function openHostClient(dataDir, { hostBin = HOST_BIN } = {}) {
  const { spawn } = await import('node:child_process');
  const child = spawn(hostBin, ['--data-dir', dataDir], { stdio: ['pipe', 'pipe', 'pipe'] });
  let buf = Buffer.alloc(0);
  let stderr = '';
  const waiting = [];
  let nextId = 1;
  child.stderr.on('data', (d) => { stderr += d; });
  child.stdout.on('data', (d) => {
    buf = Buffer.concat([buf, d]);
    while (buf.length >= 4) {
      const n = buf.readUInt32LE(0);
      if (buf.length < 4 + n) break;
      const body = JSON.parse(buf.subarray(4, 4 + n).toString('utf8'));
      buf = buf.subarray(4 + n);
      const w = waiting.shift();
      if (w) w.resolve(body);
    }
  });
  const exited = new Promise((r) => child.once('exit', (code, sig) => r({ code, sig })));
  exited.then(({ code, sig }) => { for (const w of waiting.splice(0)) w.reject(new Error(`joblens-host exited (${code ?? sig}); stderr: ${stderr.slice(-500)}`)); });
  const request = (type, args = {}) => {
    const body = Buffer.from(JSON.stringify({ id: nextId++, type, args }), 'utf8');
    const head = Buffer.alloc(4); head.writeUInt32LE(body.length, 0);
    const p = new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    child.stdin.write(Buffer.concat([head, body]));
    return withTimeout(p, 10000, () => `no reply from joblens-host to ${type}; stderr: ${stderr.slice(-500)}`);
  };
  /** All jobs in the DB (follows next_cursor). */
  const listJobs = async () => {
    const out = [];
    let cursor;
    for (let i = 0; i < 100; i++) {
      const r = await request('jobs.list', cursor ? { limit: 200, cursor } : { limit: 200 });
      if (r.error) throw new Error(`jobs.list: ${JSON.stringify(r.error)}`);
      out.push(...r.result.jobs);
      cursor = r.result.next_cursor;
      if (!cursor) break;
    }
    return out;
  };
  const close = async () => {
    child.stdin.end();
    const t = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited; clearTimeout(t);
  };
  return { request, listJobs, close, pid: child.pid, stderr: () => stderr };
}

// ------------------------------------------------------------------------------------- the harness
/**
 * @param {object} o
 * @param {string} o.name                 used for temp dir prefixes and screenshots
 * @param {'present'|'absent'} [o.host]   'absent': no host manifest (the extension must work offline)
 * @param {string|object|null} [o.profile] profile JSON (object or file path) pushed via joblens.setProfile; null: none
 * @param {string} [o.extensionDir]
 * @param {number} [o.readyTimeout]
 * @param {() => Promise<{url: string, close: () => Promise<void>}>|null} [o.serve] the page server (default: the fixture server)
 */
export async function startHarness({ name = 'e2e', host = 'present', profile = DEFAULT_PROFILE, extensionDir = EXT_DIR, readyTimeout = 15000, viewport = { width: 1280, height: 900 }, serve = () => startFixtureServer({ port: 0 }) } = {}) {
  await requireBuild({ extensionDir });
  const tmp = await mkdtemp(path.join(os.tmpdir(), `joblens-${name}-`));
  const userDataDir = path.join(tmp, 'profile');
  const dataDir = path.join(tmp, 'data');
  await mkdir(userDataDir, { recursive: true });
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const h = Object.assign(Object.create(methods), {
    name, tmp, userDataDir, dataDir, context: null, server: null, url: null, pages: [], log: [],
    hostMode: host, worker: null,
  });
  const cleanup = async () => {
    const errors = [];
    try { if (h.context) await withTimeout(h.context.close(), 15000, 'context.close'); } catch (e) { errors.push(e); }
    try { if (h.server) await h.server.close(); } catch (e) { errors.push(e); }
    // the host exits at EOF when Chromium goes; kill leftovers that belong to this run (by pid)
    try {
      for (const pid of await hostPidsFor(dataDir)) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }
    } catch (e) { errors.push(e); }
    try { await rm(tmp, { recursive: true, force: true, maxRetries: 3 }); } catch (e) { errors.push(e); }
    if (errors.length && process.env.JOBLENS_E2E_DEBUG) console.error('harness cleanup:', errors);
  };
  h.close = cleanup;
  try {
    if (host === 'present') await registerHost(userDataDir);
    else {
      // Chromium still searches the system location with a custom --user-data-dir
      const system = '/etc/chromium/native-messaging-hosts/app.joblens.host.json';
      if (existsSync(system)) throw new Error(`host 'absent' mode is impossible: ${system} exists (joblens-host install --system); remove it to run this test`);
    }
    h.server = serve ? await serve() : null;
    h.url = h.server?.url ?? null;
    h.context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: false,
      ignoreDefaultArgs: ['--disable-extensions'],
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`],
      env: { ...process.env, JOBLENS_DATA_DIR: dataDir },
      viewport,
      timeout: 30000,
    });
    h.context.on('page', (p) => {
      p.on('console', (m) => h.log.push(`[page ${m.type()}] ${m.text()}`));
      p.on('pageerror', (e) => h.log.push(`[page error] ${e.message}`));
    });
    h.worker = await h.getWorker(readyTimeout);
    await h.ready(readyTimeout);
    if (profile) {
      const json = typeof profile === 'string' ? JSON.parse(await readFile(profile, 'utf8')) : profile;
      h.profile = json;
      await h.sw((p) => globalThis.joblens.setProfile(p).then(() => true), json, { what: 'joblens.setProfile' });
    }
  } catch (e) {
    const tail = h.log.slice(-20).join('\n');
    await cleanup();
    throw new Error(`${e.message}${tail ? `\n--- browser log (last 20) ---\n${tail}` : ''}`, { cause: e });
  }
  return h;
}

const isOurWorker = (w) => w.url().startsWith(`chrome-extension://${EXTENSION_ID}/`);

/** The harness object's methods (its prototype). */
const methods = {
  /** The extension's service worker (waits for it; after a stop it is woken by any extension event). */
  async getWorker(timeout = 15000) {
    const found = this.context.serviceWorkers().find((w) => isOurWorker(w) && !w.__joblensClosed);
    if (found) { this.adoptWorker(found); return found; }
    const w = await withTimeout(
      (async () => { for (;;) { const ev = await this.context.waitForEvent('serviceworker', { timeout: 0 }); if (isOurWorker(ev)) return ev; } })(),
      timeout,
      () => `the extension's service worker did not start (workers: ${JSON.stringify(this.context.serviceWorkers().map((x) => x.url()))}); is build/extension/chromium-test valid? log: ${this.log.slice(-5).join(' | ')}`,
    );
    this.adoptWorker(w);
    return w;
  },

  adoptWorker(w) {
    if (!w.__joblensWatched) {
      w.__joblensWatched = true;
      w.on('close', () => { w.__joblensClosed = true; if (this.worker === w) this.worker = null; });
      w.on('console', (m) => this.log.push(`[sw ${m.type()}] ${m.text()}`));
    }
    this.worker = w;
  },

  /**
   * Evaluate fn(arg) in the service worker. Retries once on a fresh worker if the old one was stopped.
   * `what` names the call in timeout messages.
   */
  async sw(fn, arg, { timeout = 10000, what = 'worker.evaluate' } = {}) {
    for (let attempt = 0; ; attempt++) {
      const w = this.worker && !this.worker.__joblensClosed ? this.worker : await this.getWorker(timeout);
      try {
        const v = await withTimeout(w.evaluate(fn, arg), this.swStopped ? Math.min(timeout, 3000) : timeout, () => `${what} did not settle in the service worker`);
        this.swStopped = false;
        return v;
      } catch (e) {
        const gone = /Target.*closed|has been closed|Execution context was destroyed|No target/i.test(e.message);
        const hung = /did not settle/.test(e.message) && this.swStopped;
        if ((gone || hung) && attempt < 2) { this.worker = null; await this.wakeWorker(); continue; }
        throw new Error(`${what}: ${e.message}`);
      }
    }
  },

  /** Starts a stopped service worker: an extension page (the popup) messages the background. */
  async wakeWorker() {
    const p = await this.context.newPage();
    try {
      await p.goto(`chrome-extension://${EXTENSION_ID}/popup.html`, { timeout: 10000 }).catch(() => {});
      await sleep(300);
    } finally { await p.close().catch(() => {}); }
    this.swStopped = false;
  },

  /** Waits for globalThis.joblens and joblens.ready in the service worker. */
  async ready(timeout = 15000) {
    await poll(() => this.sw(() => typeof globalThis.joblens === 'object' && globalThis.joblens !== null, undefined, { what: 'typeof joblens' }), {
      timeout, describe: () => 'globalThis.joblens is not defined in the background service worker (test hooks missing?)',
    });
    await this.sw(() => Promise.resolve(globalThis.joblens.ready).then(() => true), undefined, { timeout, what: 'await joblens.ready (WASM core load)' });
  },

  hostStatus() { return this.sw(() => globalThis.joblens.hostStatus(), undefined, { what: 'joblens.hostStatus()' }); },
  setSettings(partial) { return this.sw((s) => Promise.resolve(globalThis.joblens.setSettings(s)).then(() => true), partial, { what: 'joblens.setSettings' }); },
  lastInputs() { return this.sw(() => globalThis.joblens.lastInputs(), undefined, { what: 'joblens.lastInputs()' }); },
  lastCards(tabId) { return this.sw((t) => globalThis.joblens.lastCards(t), tabId, { what: 'joblens.lastCards()' }); },
  lastDetail(tabId) { return this.sw((t) => globalThis.joblens.lastDetail(t), tabId, { what: 'joblens.lastDetail()' }); },
  lastLayout(tabId) { return this.sw((t) => globalThis.joblens.lastLayout(t), tabId, { what: 'joblens.lastLayout()' }); },
  timings() { return this.sw(() => globalThis.joblens.timings, undefined, { what: 'joblens.timings' }); },
  coreScore(jobs) { return this.sw((j) => globalThis.joblens.coreScore(j), jobs, { what: 'joblens.coreScore' }); },

  /** Host absent mode: write the manifest now, then ask the background to reconnect. */
  async registerHostNow() {
    await registerHost(this.userDataDir);
    this.hostMode = 'present';
    return this.sw(() => Promise.resolve(globalThis.joblens.reconnectHost()).then(() => true), undefined, { what: 'joblens.reconnectHost()' });
  },

  /** Opens a fixture path (e.g. '/jobs/search/?era=E3') in a new tab. */
  async open(pathOrUrl, { waitUntil = 'load' } = {}) {
    const page = await this.context.newPage();
    this.pages.push(page);
    const url = /^https?:/.test(pathOrUrl) ? pathOrUrl : this.url + pathOrUrl;
    const res = await page.goto(url, { waitUntil, timeout: 15000 });
    if (res && res.status() !== 200) throw new Error(`GET ${url}: HTTP ${res.status()}`);
    return page;
  },

  /**
   * Opens a page, runs fn(page), always closes it. On failure: a screenshot `<name>-FAILED.png` and
   * what the page and worker showed are added to the error.
   */
  async withPage(pathOrUrl, name, fn) {
    const page = await this.open(pathOrUrl);
    try {
      return await fn(page);
    } catch (e) {
      let extra = '';
      try { extra += `\nscreenshot: ${await this.screenshot(page, `${name}-FAILED`)}`; } catch { /* page gone */ }
      try { extra += `\n${await this.diagnose(page)}`; } catch { /* worker gone */ }
      e.message += extra;
      throw e;
    } finally { await page.close().catch(() => {}); }
  },

  /** Badge attributes, in document order. */
  async badges(page) {
    return page.evaluate(() => [...document.querySelectorAll('joblens-badge')].map((b) => {
      const card = b.parentElement;
      let hiddenCard = false;
      for (let el = b.parentElement; el && el !== document.body; el = el.parentElement) {
        if (getComputedStyle(el).display === 'none') { hiddenCard = true; break; }
      }
      return {
        job_id: b.getAttribute('data-job-id'),
        score: b.getAttribute('data-score'),
        state: b.getAttribute('data-state'),
        hidden: b.getAttribute('data-hidden') || '',
        cardHidden: hiddenCard,
        connected: b.isConnected && !!card,
      };
    }));
  },

  /** Waits until at least n badges exist and none is pending. Returns the badges. */
  async waitForBadges(page, n, { timeout = 10000, settled = true } = {}) {
    let last = [];
    return poll(async () => {
      last = await this.badges(page);
      const ok = last.length >= n && (!settled || last.every((b) => b.state && b.state !== 'pending'));
      return ok ? last : null;
    }, { timeout, describe: () => `wanted ${n} settled <joblens-badge>s, page has ${last.length}: ${JSON.stringify(last.slice(0, 12))}` })
      .catch(async (e) => { throw new Error(`${e.message}\n${await this.diagnose(page)}`); });
  },

  /** The panel's attributes, or null. */
  panel(page) {
    return page.evaluate(() => {
      const p = document.querySelector('joblens-panel');
      if (!p) return null;
      const split = (a) => (p.getAttribute(a) ? p.getAttribute(a).split('|') : []);
      return {
        job_id: p.getAttribute('data-job-id'), score: p.getAttribute('data-score'),
        matched: split('data-matched'), missing_required: split('data-missing-required'), missing_nice: split('data-missing-nice'),
        similar: split('data-similar'), ai: p.getAttribute('data-ai') || '',
        count: document.querySelectorAll('joblens-panel').length,
      };
    });
  },

  async waitForPanel(page, { jobId, timeout = 10000 } = {}) {
    let last = null;
    return poll(async () => {
      last = await this.panel(page);
      return last && last.job_id && last.score !== null && last.score !== '' && (!jobId || last.job_id === jobId) ? last : null;
    }, { timeout, describe: () => `wanted <joblens-panel data-job-id="${jobId ?? '*'}"> with a score, got ${JSON.stringify(last)}` })
      .catch(async (e) => { throw new Error(`${e.message}\n${await this.diagnose(page)}`); });
  },

  /** A short description of what the page and worker show, for failure messages. */
  async diagnose(page) {
    const out = [];
    try {
      out.push(`page: ${page.url()} badges=${await page.locator('joblens-badge').count()} panels=${await page.locator('joblens-panel').count()}`);
    } catch (e) { out.push(`page: ${e.message}`); }
    try {
      const s = await this.sw(() => ({
        hooks: Object.keys(globalThis.joblens || {}),
        host: globalThis.joblens?.hostStatus?.(),
        layout: globalThis.joblens?.lastLayout?.(),
        cards: (globalThis.joblens?.lastCards?.() || []).length,
      }), undefined, { timeout: 3000, what: 'diagnose' });
      out.push(`worker: ${JSON.stringify(s)}`);
    } catch (e) { out.push(`worker: ${e.message}`); }
    out.push(...this.log.slice(-10).map((l) => `  ${l}`));
    return out.join('\n');
  },

  async screenshot(page, name) {
    await mkdir(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, `${name}.png`);
    await page.screenshot({ path: file, fullPage: true, timeout: 15000 });
    return file;
  },

  /** Browser-level CDP session (for ServiceWorker.stopAllWorkers etc.). */
  async browserCdp() {
    const page = this.pages[0] || await this.context.newPage();
    // a page-level session with ServiceWorker domain works for stopAllWorkers in this profile
    return this.context.newCDPSession(page);
  },

  /** Stops the extension's service worker (MV3 idle shutdown, simulated). */
  async stopServiceWorker() {
    const cdp = await this.browserCdp();
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await cdp.detach().catch(() => {});
    this.swStopped = true;
    await poll(async () => !this.context.serviceWorkers().some((w) => isOurWorker(w) && !w.__joblensClosed), { timeout: 5000 }).catch(() => {});
  },
};

/** Job JSON by card id from lastInputs(). */
export function inputsById(inputs) {
  const m = new Map();
  for (const c of inputs?.cards || []) m.set(String(c.job_id), c.job);
  return m;
}

export async function fileSize(f) { return (await stat(f)).size; }
