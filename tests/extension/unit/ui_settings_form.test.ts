// Matching & filters: threshold validation and the blocked companies list.
// @types/node is not installed; these imports are typed `any` (see ui_profile_form.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS } from '../../../extension/src/common/messages';
import {
  formToSettings, formatBlockedCompanies, parseBlockedCompanies, parseThreshold, settingsToForm,
} from '../../../extension/src/ui/logic/settings_form';
import { readSettings } from '../../../extension/src/ui/logic/shapes';

test('blocked companies: one per line, trimmed, spaces collapsed, case repeats dropped', () => {
  assert.deepEqual(parseBlockedCompanies('  Acme  Corp \n\nGlobex\r\nacme corp\n  \nInitech'), ['Acme Corp', 'Globex', 'Initech']);
  assert.deepEqual(parseBlockedCompanies(''), []);
  assert.equal(formatBlockedCompanies(['A', 'B']), 'A\nB');
});

test('threshold: whole numbers 0-100 only', () => {
  assert.deepEqual(parseThreshold('0'), { value: 0 });
  assert.deepEqual(parseThreshold(' 100 '), { value: 100 });
  for (const bad of ['', '101', '-1', '50.5', 'abc', '1000']) assert.ok(parseThreshold(bad).error, bad);
});

test('form round trip, and an invalid threshold blocks the save', () => {
  const s = { ...DEFAULT_SETTINGS, threshold: 70, hide_promoted: true, blocked_companies: ['Globex', 'Acme'] };
  assert.deepEqual(formToSettings(settingsToForm(s)), { settings: s, errors: [] });
  const bad = formToSettings({ ...settingsToForm(s), threshold: '120' });
  assert.equal(bad.settings, undefined);
  assert.deepEqual(bad.errors.map((e: { field: string }) => e.field), ['threshold']);
});

test('reading the background reply fills defaults and drops non-strings', () => {
  assert.deepEqual(readSettings({}), DEFAULT_SETTINGS);
  const s = readSettings({ settings: { threshold: 40, hide_applied: true, blocked_companies: ['X', 3, null] } });
  assert.equal(s.threshold, 40);
  assert.equal(s.hide_applied, true);
  assert.equal(s.enabled, true);
  assert.deepEqual(s.blocked_companies, ['X']);
});
