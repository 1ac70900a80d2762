// Selector health rows: ordering, first-choice rate, and flags on required fields with misses.
// @types/node is not installed; these imports are typed `any` (see ui_profile_form.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alertSummary, hostGroups, pageRows, percent } from '../../../extension/src/ui/logic/health_rows';
import { readHealth } from '../../../extension/src/ui/logic/shapes';

test('page rows: core field order, rate over all reads, required misses flagged', () => {
  const rows = pageRows({
    url: 'https://www.linkedin.com/jobs/search/', layout: 'e4', rules_version: 'r1', at: 0,
    fields: {
      zz_custom: { hits: 1, misses: 0, first_choice: 1 },
      salary: { hits: 2, misses: 8, first_choice: 2 },
      company: { hits: 9, misses: 1, first_choice: 6 },
      job_id: { hits: 10, misses: 0, first_choice: 10 },
      description: { hits: 0, misses: 0, first_choice: 0 },
    },
  });
  assert.deepEqual(rows.map((r) => r.field), ['job_id', 'company', 'salary', 'description', 'zz_custom']);
  const company = rows[1]!;
  assert.equal(company.firstChoice, '60%');
  assert.equal(company.required, true);
  assert.equal(company.alert, true);
  assert.equal(rows[2]!.alert, false);            // salary is optional: misses are not an alarm
  assert.equal(rows[3]!.firstChoice, '—');        // nothing read
  assert.match(alertSummary(rows), /company/);
  assert.equal(alertSummary([rows[0]!]), 'All required fields were found.');
});

test('host groups: hits sum the chain steps, step -1 is failures', () => {
  const groups = hostGroups([
    { layout: 'E4', field: 'salary', failures: 1, first_choice_rate: 0, steps: [{ step: -1, hits: 1 }] },
    { layout: 'E4', field: 'title', failures: 2, first_choice_rate: 0.5, steps: [{ step: 0, hits: 3 }, { step: 1, hits: 1 }, { step: -1, hits: 2 }] },
    { layout: 'E1', field: 'company', failures: 0, first_choice_rate: 1, steps: [{ step: 0, hits: 4 }] },
  ]);
  assert.deepEqual(groups.map((g) => g.layout), ['E1', 'E4']);
  const e4 = groups[1]!.rows;
  assert.deepEqual(e4.map((r) => r.field), ['title', 'salary']);
  assert.deepEqual({ hits: e4[0]!.hits, misses: e4[0]!.misses, fc: e4[0]!.firstChoice, alert: e4[0]!.alert },
    { hits: 4, misses: 2, fc: '50%', alert: true });
  assert.equal(e4[1]!.alert, false);
});

test('percent clamps and rounds', () => {
  assert.equal(percent(0.666), '67%');
  assert.equal(percent(1.2), '100%');
  assert.equal(percent(null), '—');
});

test('readHealth tolerates missing and wrong-typed parts', () => {
  assert.deepEqual(readHealth(undefined), { pages: [], host: null });
  const h = readHealth({ pages: [{ url: 'u', fields: { title: { hits: '3' } } }, 7], host: { fields: [{ field: 'title', layout: 'E4' }] } });
  assert.equal(h.pages.length, 1);
  assert.deepEqual(h.pages[0]!.fields.title, { hits: 0, misses: 0, first_choice: 0 });
  assert.equal(h.host?.fields[0]!.failures, 0);
});
