// Profile form <-> JSON: round trip of the documented example, validation messages, and that
// fields the editor does not show survive a save.
// @types/node is not installed and tsconfig only loads chrome's types; these two imports are
// typed `any` rather than adding a dependency (esbuild bundles them for node either way).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  emptyForm, formToProfile, mergeProposal, parseYears, profileToForm, splitLines,
} from '../../../extension/src/ui/logic/profile_form';

const EXAMPLE = {
  name: 'Ana Costa',
  headline: 'Data Engineer',
  titles: ['Data Engineer', 'Analytics Engineer'],
  years_experience: 5,
  skills: [{ name: 'Python', years: 5 }, { name: 'SQL', years: 5, level: 'expert' }, 'dbt'],
  locations: ['Lisbon, Portugal'],
  remote: 'remote_only',
  salary_min: { amount: 60000, currency: 'EUR', period: 'year' },
  languages: ['Portuguese', 'English'],
  work_authorization: { EU: true, US: false },
  seniority: 'senior',
  version: '2026-11-23-1',
};

test('the schema example round-trips, keeping hidden fields and dropping version', () => {
  const form = profileToForm(EXAMPLE);
  assert.equal(form.titles, 'Data Engineer\nAnalytics Engineer');
  assert.equal(form.years_experience, '5');
  assert.deepEqual(form.skills.map((s) => [s.name, s.years]), [['Python', '5'], ['SQL', '5'], ['dbt', '']]);
  const { profile, errors } = formToProfile(form, EXAMPLE);
  assert.deepEqual(errors, []);
  assert.equal(profile.version, undefined);
  assert.deepEqual(profile.work_authorization, { EU: true, US: false });
  assert.equal(profile.seniority, 'senior');
  assert.deepEqual(profile.skills, [{ name: 'Python', years: 5 }, { level: 'expert', name: 'SQL', years: 5 }, { name: 'dbt' }]);
  assert.deepEqual(profile.salary_min, { amount: 60000, currency: 'EUR', period: 'year' });
  assert.deepEqual(profile.languages, ['Portuguese', 'English']);
  assert.equal(profile.remote, 'remote_only');
});

test('an unknown remote value falls back to any; junk input gives an empty form', () => {
  assert.equal(profileToForm({ remote: 'onsite' }).remote, 'any');
  assert.deepEqual(profileToForm(null), emptyForm());
  assert.deepEqual(profileToForm({ skills: [42, { years: 3 }, 'Go'] }).skills.map((s) => s.name), ['Go']);
});

test('years must be numbers from 0 to 60', () => {
  assert.deepEqual(parseYears(''), {});
  assert.deepEqual(parseYears(' 2.5 '), { value: 2.5 });
  assert.deepEqual(parseYears('3,5'), { value: 3.5 });
  assert.deepEqual(parseYears('0'), { value: 0 });
  assert.deepEqual(parseYears('60'), { value: 60 });
  assert.ok(parseYears('61').error);
  assert.ok(parseYears('-1').error);
  assert.ok(parseYears('five').error);
  assert.ok(parseYears('1e3').error);
});

test('validation names the input of each problem', () => {
  const form = emptyForm();
  form.years_experience = '70';
  form.skills = [
    { name: 'Python', years: 'lots', extra: {} },
    { name: '', years: '3', extra: {} },
    { name: '', years: '', extra: {} },          // blank row: ignored
    { name: 'python', years: '', extra: {} },    // repeat, different case
  ];
  form.salary_amount = '50k';
  form.salary_currency = 'euro';
  const { errors, profile } = formToProfile(form);
  assert.deepEqual(errors.map((e) => e.field).sort(), [
    'salary_amount', 'salary_currency', 'skills.0.years', 'skills.1.name', 'skills.3.name', 'years_experience',
  ]);
  assert.match(errors.find((e) => e.field === 'skills.3.name')!.message, /row 1/);
  assert.equal((profile.skills as unknown[]).length, 3);
});

test('salary: empty amount removes it; a currency without amount is an error; codes are upper-cased', () => {
  const form = profileToForm(EXAMPLE);
  form.salary_amount = '';
  form.salary_currency = '';
  assert.equal(formToProfile(form, EXAMPLE).profile.salary_min, undefined);
  form.salary_currency = 'USD';
  assert.deepEqual(formToProfile(form).errors.map((e) => e.field), ['salary_amount']);
  form.salary_amount = '80,000';
  form.salary_currency = 'usd';
  form.salary_period = 'month';
  assert.deepEqual(formToProfile(form).profile.salary_min, { amount: 80000, currency: 'USD', period: 'month' });
});

test('lists: one per line, trimmed, blank lines and case repeats dropped', () => {
  assert.deepEqual(splitLines(' Lisbon \n\nPorto\r\nlisbon\n'), ['Lisbon', 'Porto']);
});

test('a resume proposal overrides what it found and keeps the rest', () => {
  const merged = mergeProposal(EXAMPLE, {
    name: 'Ana M. Costa', skills: [{ name: 'Go' }], remote: 'any', titles: [], work_authorization: {},
  });
  assert.equal(merged.name, 'Ana M. Costa');
  assert.deepEqual(merged.skills, [{ name: 'Go' }]);
  assert.equal(merged.remote, 'remote_only');         // the proposal only guessed "any"
  assert.deepEqual(merged.titles, EXAMPLE.titles);     // empty in the proposal
  assert.deepEqual(merged.work_authorization, EXAMPLE.work_authorization);
  assert.equal(merged.years_experience, 5);
  assert.equal(mergeProposal(null, { remote: 'any' }).remote, 'any');
  // Years the person gave survive for skills the proposal lists again.
  assert.deepEqual(mergeProposal(EXAMPLE, { skills: [{ name: 'python' }, { name: 'Go' }, 'Rust'] }).skills,
    [{ name: 'python', years: 5 }, { name: 'Go' }, 'Rust']);
});
