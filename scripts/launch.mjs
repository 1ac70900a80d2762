#!/usr/bin/env node
// The product's main job (called by scripts/run after set-up): JobLens in Chromium.
//
//   live       a dedicated Chromium profile (~/.local/share/joblens/chromium-profile) with the host
//              registered for it and the extension loaded, opened on LinkedIn Jobs. Log in once; the
//              profile keeps the session.
//   --demo     the bundled demo pages (LinkedIn-like pages served on 127.0.0.1 with LinkedIn's strict
//              CSP) instead; chosen automatically when LinkedIn cannot be reached.
//   no display (no $DISPLAY / $WAYLAND_DISPLAY): the demo runs headless, saves a screenshot per page
//              under build/demo/ and prints a JSON summary of what it scored.
import { spawn, execFileSync } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.JOBLENS_CHROMIUM || '/usr/bin/chromium';
const HOST = path.join(root, 'build/bin/joblens-host');
const LINKEDIN_JOBS = 'https://www.linkedin.com/jobs/';
const DEMO_OUT = path.join(root, 'build/demo');
// The demo pages, one per LinkedIn layout (tests/fixtures/README.md has the URL map).
const DEMO_PAGES = [
  ['e1-search', '/jobs/search/?era=E1'],
  ['e3-search', '/jobs/search/?era=E3'],
  ['e4-search', '/jobs/search-results/'],
  ['e4-search-de', '/jobs/search-results/?locale=de_DE'],
  ['e4-job-view', '/jobs/view/4100000003/'],
  ['guest-search', '/jobs/search'],
];

const args = process.argv.slice(2);
const unknown = args.filter((a) => !['--demo', '--headless'].includes(a));
if (unknown.length) {
  console.error(`usage: scripts/run [--demo] [--headless]   (unknown: ${unknown.join(' ')})`);
  process.exit(2);
}
const dataHome = process.env.XDG_DATA_HOME || path.join(os.homedir(), '.local/share');
const hasDisplay = !!(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const headless = args.includes('--headless') || !hasDisplay;

async function linkedInReachable() {
  try {
    const r = await fetch(LINKEDIN_JOBS, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(4000) });
    return r.status > 0;
  } catch {
    return false;
  }
}

function register(userDataDir) {
  execFileSync(HOST, ['install', '--browser', 'chromium', '--user-data-dir', userDataDir], { stdio: ['ignore', 'ignore', 'inherit'] });
}

// With a display: a normal Chromium window on the dedicated profile; we wait for it to close.
function openWindow(userDataDir, extensionDir, url, env) {
  const child = spawn(CHROMIUM, [
    `--user-data-dir=${userDataDir}`, `--load-extension=${extensionDir}`, '--no-first-run',
    '--no-default-browser-check', url], { stdio: 'ignore', env });
  return new Promise((resolve) => child.on('exit', resolve));
}

// Without a display: every demo page headless, a screenshot each, one JSON summary.
async function headlessDemo() {
  const { startHarness, poll, DEFAULT_PROFILE } = await import('../tests/extension/harness/harness.mjs');
  await mkdir(DEMO_OUT, { recursive: true });
  const h = await startHarness({ name: 'demo', profile: DEFAULT_PROFILE });
  const summary = { mode: 'demo-headless', profile: path.relative(root, DEFAULT_PROFILE), pages: [] };
  try {
    for (const [name, route] of DEMO_PAGES) {
      const page = await h.context.newPage();
      await page.goto(`${h.url}${route}`);
      const count = () => page.$$eval('joblens-badge[data-state="scored"]', (els) => els.length);
      await poll(count, { timeout: 10000 }).catch(() => 0);
      await page.waitForTimeout(300);  // the panel's detail reply
      const screenshot = path.join(DEMO_OUT, `${name}.png`);
      await page.screenshot({ path: screenshot });
      const cards = await h.worker.evaluate(() => globalThis.joblens.lastCards());
      const detail = await h.worker.evaluate(() => globalThis.joblens.lastDetail());
      summary.pages.push({
        name, url: route, layout: await h.worker.evaluate(() => globalThis.joblens.lastLayout()),
        screenshot: path.relative(root, screenshot),
        cards: cards.map((c) => ({ job_id: c.job_id, title: c.title, company: c.company, score: c.score ?? null, badge: c.badge })),
        detail: detail && { job_id: detail.job_id, score: detail.score, matched: detail.matched_skills, missing_required: detail.missing_required },
      });
      await page.close();
    }
  } finally {
    await h.close();
  }
  console.error(`JobLens demo (no display): screenshots in ${path.relative(root, DEMO_OUT)}/`);
  console.log(JSON.stringify(summary, null, 2));
}

async function windowedDemo() {
  const { startFixtureServer } = await import('../tests/fixtures/server.mjs');
  const profileDir = path.join(dataHome, 'joblens', 'demo-chromium-profile');
  const dataDir = path.join(DEMO_OUT, 'data');  // the demo never touches the person's own JobLens data
  await mkdir(profileDir, { recursive: true });
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  register(profileDir);
  // The demo profile: the example person, given to the host; the extension adopts it on connect.
  const profile = JSON.parse(await readFile(path.join(root, 'examples/profile.json'), 'utf8'));
  const { openHostClient } = await import('../tests/extension/harness/harness.mjs');
  const client = await openHostClient(dataDir);
  const got = await client.request('profile.get');
  if (!got.result?.profile) await client.request('profile.put', { profile });
  await client.close();
  const server = await startFixtureServer({ port: 0 });
  console.error(`JobLens demo: ${server.url}/jobs/search/?era=E3 (close the window to stop)`);
  await openWindow(profileDir, path.join(root, 'build/extension/chromium-test'), `${server.url}/jobs/search/?era=E3`,
    { ...process.env, JOBLENS_DATA_DIR: dataDir });
  await server.close();
}

async function live() {
  const profileDir = path.join(dataHome, 'joblens', 'chromium-profile');
  await mkdir(profileDir, { recursive: true });
  register(profileDir);
  console.error(`JobLens: Chromium with profile ${profileDir} on ${LINKEDIN_JOBS} (log in once; close the window to stop).`);
  console.error('Set up your profile in the extension\'s options (the JobLens icon → Open settings).');
  await openWindow(profileDir, path.join(root, 'build/extension/chromium'), LINKEDIN_JOBS, process.env);
}

const demo = args.includes('--demo') || headless || !(await linkedInReachable());
if (!args.includes('--demo') && !headless && demo) console.error('LinkedIn cannot be reached: opening the demo pages instead.');
await (headless ? headlessDemo() : demo ? windowedDemo() : live());
