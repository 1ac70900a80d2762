import { test } from 'node:test';
import assert from 'node:assert/strict';
import { llmAnalysis } from '../../../extension/src/background/analysis_view';

test('llm.analyze: the offline analysis while the task runs says so and stays pending', () => {
  const v = llmAnalysis({ state: 'queued', offline: true, task_id: 3, result: { summary: 'Data Engineer at Acme: 4 required.', red_flags: [] } });
  assert.equal(v.pending, true);
  assert.equal(v.summary, 'Data Engineer at Acme: 4 required.');
  assert.match(v.provider, /offline.*on its way/);
});

test('llm.analyze: the model’s answer names provider and model, with red flags', () => {
  const v = llmAnalysis({ state: 'done', offline: false, provider: 'openai', model: 'gpt-4o-mini', cached: true,
    result: { summary: 'A senior role.', red_flags: ['Pay is commission only.', 7] } });
  assert.equal(v.pending, false);
  assert.equal(v.summary, 'A senior role. Red flags: Pay is commission only.');
  assert.equal(v.provider, 'openai · gpt-4o-mini (cached)');
});

test('llm.analyze: no provider configured gives the reason; a malformed reply gives empty text', () => {
  const v = llmAnalysis({ state: 'offline', offline: true, reason: 'no AI provider is configured', result: { summary: 'x' } });
  assert.equal(v.pending, false);
  assert.equal(v.provider, 'JobLens offline analysis (no AI provider is configured)');
  assert.equal(v.offline, true);
  assert.deepEqual(llmAnalysis(null), { summary: '', provider: 'AI · ', pending: false, offline: false });
});
