// Status wording shared by the popup and the options page.
// @types/node is not installed; these imports are typed `any` (see ui_profile_form.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  coreLine, errorText, hostLine, NOT_INSTALLED, profileLine, queueLine, spendLine,
} from '../../../extension/src/ui/logic/status_text';
import { readStatus } from '../../../extension/src/ui/logic/shapes';
import { guessBrowser, registerCommand, safeHttpUrl, browsersFirst } from '../../../extension/src/ui/logic/install_text';

test('host line: connected, not installed, other failures', () => {
  assert.deepEqual(hostLine({ connected: true, version: '0.1.0', queued: 0 }), { tone: 'ok', text: 'Host connected (version 0.1.0)' });
  assert.equal(hostLine({ connected: false, queued: 0 }).text, `${NOT_INSTALLED}.`);
  assert.equal(hostLine({ connected: false, queued: 0, error: 'Specified native messaging host not found.' }).text, `${NOT_INSTALLED}.`);
  assert.equal(hostLine({ connected: false, queued: 0, error: 'Native host has exited.' }).text,
    'The JobLens host is not connected: Native host has exited.');
});

test('queue, spend, profile and core lines', () => {
  assert.equal(queueLine(0), '');
  assert.equal(queueLine(1), '1 change waiting for the host');
  assert.equal(queueLine(3), '3 changes waiting for the host');
  assert.equal(spendLine(undefined), null);
  assert.deepEqual(spendLine({ month_usd: 1.5, budget_usd: 10 }), { tone: 'ok', text: 'AI spend this month: $1.50 of $10.00' });
  assert.equal(spendLine({ month_usd: 9, budget_usd: 10 })!.tone, 'warn');
  assert.equal(spendLine({ month_usd: 10, budget_usd: 10 })!.tone, 'error');
  assert.match(spendLine({ month_usd: 2, budget_usd: null })!.text, /no budget/);
  assert.equal(profileLine({ present: false, skills: 0 }), 'No profile yet.');
  assert.equal(profileLine({ present: true, name: 'Ana', version: '3', skills: 6 }), 'Ana · 6 skills · version 3');
  assert.equal(coreLine({ skills: 812, rules_version: '2026.1' }), 'Matcher: 812 known skills · selector rules 2026.1');
});

test('errors in words', () => {
  assert.match(errorText({ code: 2201, name: 'tool_missing', message: 'sudo apt-get install poppler-utils' }), /poppler-utils/);
  assert.match(errorText({ code: 0, name: 'host_unavailable', message: '' }), /Host section/);
  assert.equal(errorText({ code: 2105, name: 'schema_too_new', message: '' }), 'the database was written by a newer JobLens');
});

test('readStatus fills defaults from a partial reply', () => {
  const s = readStatus({ host: { connected: true, queued: 2, version: '0.1.0' }, profile: { present: true, version: 7 } });
  assert.equal(s.host.queued, 2);
  assert.equal(s.profile.version, '7');
  assert.equal(s.install.command, '');
  assert.equal(s.spend, undefined);
  assert.deepEqual(readStatus(null).host, { connected: false, queued: 0 });
});

test('install helpers: browser guess, commands, safe links', () => {
  const chromeUa = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';
  assert.equal(guessBrowser('Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0', [], false), 'firefox');
  assert.equal(guessBrowser(`${chromeUa} Edg/130.0.0.0`, [], false), 'edge');
  assert.equal(guessBrowser(chromeUa, ['Chromium', 'Brave'], true), 'brave');
  assert.equal(guessBrowser(chromeUa, ['Chromium', 'Google Chrome'], false), 'chrome');
  assert.equal(guessBrowser(chromeUa, ['Chromium'], false), 'chromium');
  assert.equal(registerCommand('firefox'), 'joblens-host install --browser firefox');
  assert.deepEqual(browsersFirst('edge'), ['edge', 'chrome', 'chromium', 'brave', 'firefox']);
  assert.equal(safeHttpUrl('javascript:alert(1)'), null);
  assert.equal(safeHttpUrl('not a url'), null);
  assert.equal(safeHttpUrl('https://example.org/docs'), 'https://example.org/docs');
});
