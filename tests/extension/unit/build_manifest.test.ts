// The built manifests (scripts/build-extension.mjs, run by scripts/build before the tests): one template,
// three targets, the fewest permissions, WASM allowed only through 'wasm-unsafe-eval', and the fixture
// origin only in the test build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Bundled into build/extension-tests/ by run.mjs: the repository is two levels up from there.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const manifest = (target: string) =>
  JSON.parse(readFileSync(path.join(root, 'build/extension', target, 'manifest.json'), 'utf8'));
const identity = JSON.parse(readFileSync(path.join(root, 'extension/identity.json'), 'utf8'));
const LINKEDIN = ['https://*.linkedin.com/jobs/*'];

test('chromium: service worker module, fixed id by key, LinkedIn jobs pages only', () => {
  const m = manifest('chromium');
  assert.equal(m.manifest_version, 3);
  assert.deepEqual(m.background, { service_worker: 'background.js', type: 'module' });
  assert.equal(m.key, identity.chrome_key);
  assert.deepEqual(m.permissions.sort(), ['nativeMessaging', 'storage']);
  assert.deepEqual(m.host_permissions, LINKEDIN);
  assert.deepEqual(m.content_scripts[0].matches, LINKEDIN);
  assert.match(m.content_security_policy.extension_pages, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(m.content_security_policy.extension_pages, /(^|\s)'unsafe-eval'|'unsafe-inline'/);
  assert.equal(m.browser_specific_settings, undefined);
});

test('firefox: background scripts, gecko id, no key, same permissions', () => {
  const m = manifest('firefox');
  assert.deepEqual(m.background, { scripts: ['background.js'], type: 'module' });
  assert.equal(m.browser_specific_settings.gecko.id, identity.gecko_id);
  assert.equal(m.key, undefined);
  assert.deepEqual(m.permissions.sort(), ['nativeMessaging', 'storage']);
  assert.deepEqual(m.host_permissions, LINKEDIN);
});

test('chromium-test adds only the fixture origin; every file the manifests name exists', () => {
  const m = manifest('chromium-test');
  assert.deepEqual(m.content_scripts[0].matches, [...LINKEDIN, 'http://127.0.0.1/*']);
  for (const target of ['chromium', 'firefox', 'chromium-test']) {
    const dir = path.join(root, 'build/extension', target);
    const t = manifest(target);
    for (const f of [...t.content_scripts[0].js, t.action.default_popup, t.options_ui.page, 'background.js', 'joblens-core.wasm'])
      assert.ok(statSync(path.join(dir, f)).size > 0, `${target}/${f}`);
  }
});

test('the shipped content scripts carry no test hook and stay under 30 KB', () => {
  for (const target of ['chromium', 'firefox']) {
    const js = readFileSync(path.join(root, 'build/extension', target, 'content.js'), 'utf8');
    assert.doesNotMatch(js, /joblens_bench/, `${target}: the benchmark hook is for chromium-test only`);
    assert.ok(js.length <= 30 * 1024, `${target}/content.js is ${js.length} bytes`);
  }
  assert.match(readFileSync(path.join(root, 'build/extension/chromium-test/content.js'), 'utf8'), /joblens_bench/);
});
