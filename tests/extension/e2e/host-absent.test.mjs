// (f) No native host: badges still appear (WASM in the background), writes are queued; after the
// host is registered and joblens.reconnectHost() is called, the queued jobs.upsert reach the host's
// database, checked through a second `joblens-host --data-dir SAME_DIR` process.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startHarness, poll, openHostClient, EXTENSION_ID } from '../harness/harness.mjs';
import { PAGES } from '../harness/expected.mjs';
import { assertBadgesMatchCore } from '../harness/checks.mjs';

let h;
before(async () => { h = await startHarness({ name: 'host-absent', host: 'absent' }); });
after(async () => { await h?.close(); });

test('host absent: badges from the WASM core, writes queued, delivered after reconnect', async () => {
  const spec = PAGES.e3;
  assert.ok(!existsSync(path.join(h.userDataDir, 'NativeMessagingHosts', 'app.joblens.host.json')), 'no host manifest in this profile');
  await h.withPage(spec.path, 'e3-host-absent', async (page) => {
    await h.waitForBadges(page, spec.visible.length);
    await assertBadgesMatchCore(h, page, spec.visible, { detailId: spec.selected });
    await h.screenshot(page, 'e3-host-absent');

    let status;
    await poll(async () => { status = await h.hostStatus(); return status && status.connected === false && status.queued > 0; }, {
      timeout: 6000, describe: () => `hostStatus() = ${JSON.stringify(status)} (want connected:false, queued>0)`,
    });
    assert.ok(typeof status.error === 'string' && status.error.length > 0, `hostStatus().error should say why: ${JSON.stringify(status)}`);

    // The popup says exactly what is missing and the command that installs it.
    const popup = await h.context.newPage();
    try {
      await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
      let text = '';
      await poll(async () => /not installed for this browser/.test(text = await popup.textContent('body')), {
        timeout: 5000, describe: () => `popup text: ${text.slice(0, 400)}`,
      });
      assert.match(text, /joblens-host install --browser chromium/, `popup should show the install command: ${text.slice(0, 400)}`);
      assert.match(text, /changes? waiting for the host/, `popup should show the queue: ${text.slice(0, 400)}`);
    } finally { await popup.close(); }

    await h.registerHostNow();
    await poll(async () => { status = await h.hostStatus(); return status.connected === true && status.queued === 0; }, {
      timeout: 10000, describe: () => `after reconnectHost(): hostStatus() = ${JSON.stringify(status)} (want connected:true, queued:0)`,
    });
    assert.ok(status.version, `hostStatus().version after connecting: ${JSON.stringify(status)}`);

    const client = await openHostClient(h.dataDir);
    try {
      let have = [];
      await poll(async () => { have = (await client.listJobs()).map((j) => String(j.id)); return spec.visible.every((id) => have.includes(id)); }, {
        timeout: 8000, describe: () => `host DB (${h.dataDir}) has ${have.length} jobs [${have.join(', ')}]; missing ${spec.visible.filter((id) => !have.includes(id)).join(', ')}`,
      });
      const got = await client.request('jobs.get', { ids: ['4038498139'] });
      const job = got.result?.jobs?.[0];
      assert.equal(job?.title, 'Engineering Manager', `jobs.get 4038498139: ${JSON.stringify(got).slice(0, 400)}`);
      assert.equal(job?.company, 'Acme');
    } finally { await client.close(); }
  });
});
