#!/usr/bin/env node
// Builds the extension from one manifest template into build/extension/<target>/:
//   chromium       service worker, id fixed by "key" (extension/identity.json)
//   firefox        background scripts (module), gecko.id
//   chromium-test  chromium plus the fixture server's origin (http://127.0.0.1/*), for tests only
// Bundles the TypeScript with esbuild and copies the core's WebAssembly module (build/wasm/, made by
// `cmake --build --preset wasm`). Usage: node scripts/build-extension.mjs [--dev] (dev: not minified).
import { build } from 'esbuild';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'extension');
const out = path.join(root, 'build', 'extension');
const minify = !process.argv.includes('--dev');

const LINKEDIN_JOBS = ['https://*.linkedin.com/jobs/*'];
const FIXTURE_ORIGIN = ['http://127.0.0.1/*'];

// The per-browser differences, as data.
const TARGETS = [
  { name: 'chromium', matches: LINKEDIN_JOBS, background: { service_worker: 'background.js', type: 'module' }, key: true },
  { name: 'firefox', matches: LINKEDIN_JOBS, background: { scripts: ['background.js'], type: 'module' }, gecko: true },
  { name: 'chromium-test', matches: [...LINKEDIN_JOBS, ...FIXTURE_ORIGIN], background: { service_worker: 'background.js', type: 'module' }, key: true, test: true },
];

// Entry points: [source, output file, esbuild format]. The content script is a classic script (IIFE);
// the background is an ES module (the WASM loader is one); pages are modules.
const ENTRIES = [
  ['src/background/main.ts', 'background.js', 'esm'],
  ['src/content/main.ts', 'content.js', 'iife'],
  ['src/ui/popup/popup.ts', 'popup.js', 'esm'],
  ['src/ui/options/options.ts', 'options.js', 'esm'],
];
// Static files copied as they are: [source relative to extension/, output name].
const STATIC = [
  ['src/ui/popup/popup.html', 'popup.html'],
  ['src/ui/options/options.html', 'options.html'],
  ['src/ui/ui.css', 'ui.css'],
];
const WASM = path.join(root, 'build', 'wasm', 'joblens-core.wasm');

async function manifestFor(target, version) {
  const identity = JSON.parse(await readFile(path.join(src, 'identity.json'), 'utf8'));
  const manifest = JSON.parse(await readFile(path.join(src, 'manifest.template.json'), 'utf8'));
  manifest.version = version;
  manifest.host_permissions = target.matches;
  manifest.content_scripts[0].matches = target.matches;
  manifest.background = target.background;
  if (target.key) manifest.key = identity.chrome_key;
  if (target.gecko) {
    manifest.browser_specific_settings = { gecko: { id: identity.gecko_id, strict_min_version: '128.0' } };
  }
  return manifest;
}

async function bundle(dir, target) {
  await Promise.all(ENTRIES.map(([entry, file, format]) => build({
    entryPoints: [path.join(src, entry)],
    outfile: path.join(dir, file),
    bundle: true,
    format,
    target: ['chrome120', 'firefox128'],
    minify,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
    define: { __JOBLENS_TEST__: target.test ? 'true' : 'false' },
    // The WASM glue mentions node modules behind environment checks; they never run in a browser.
    external: ['fs', 'path', 'crypto', 'ws', 'worker_threads', 'url', 'module', 'node:*'],
  })));
}

async function main() {
  const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
  for (const target of TARGETS) {
    const dir = path.join(out, target.name);
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await bundle(dir, target);
    for (const [from, to] of STATIC) await copyFile(path.join(src, from), path.join(dir, to));
    await copyFile(WASM, path.join(dir, 'joblens-core.wasm'));
    const manifest = await manifestFor(target, pkg.version);
    await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  }
  console.log(`built ${TARGETS.map((t) => `build/extension/${t.name}`).join(', ')}`);
}

main().catch((e) => { console.error(`build-extension: ${e.message}`); process.exit(1); });
