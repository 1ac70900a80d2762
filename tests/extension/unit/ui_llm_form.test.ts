// AI providers: payload for ui.llm.put (keys only when typed), validation, budget parsing.
// @types/node is not installed; these imports are typed `any` (see ui_profile_form.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { llmToRows, newProviderId, newProviderRow, parseBudget, rowsToPayload } from '../../../extension/src/ui/logic/llm_form';
import { readLlm } from '../../../extension/src/ui/logic/shapes';

const STORED = readLlm({
  providers: [{ id: 'openai', kind: 'openai', model: 'gpt-4o-mini', has_key: true },
    { id: 'local', kind: 'ollama', base_url: 'http://localhost:11434', model: 'llama3.1', has_key: false }],
  budget: { monthly_usd: 5, spent_usd: 1.25 },
});

test('a stored key is kept by omitting api_key; a typed key is sent', () => {
  const rows = llmToRows(STORED);
  assert.equal(rows[0]!.api_key, '');
  assert.equal(rows[0]!.stored, true);
  let out = rowsToPayload(rows, '5');
  assert.deepEqual(out.errors, []);
  assert.deepEqual(out.llm, {
    providers: [{ id: 'openai', kind: 'openai', model: 'gpt-4o-mini' },
      { id: 'local', kind: 'ollama', model: 'llama3.1', base_url: 'http://localhost:11434' }],
    budget: { monthly_usd: 5 },
  });
  rows[0]!.api_key = '  sk-new  ';
  out = rowsToPayload(rows, '');
  assert.equal((out.llm!.providers as Record<string, unknown>[])[0]!.api_key, 'sk-new');
  assert.deepEqual(out.llm!.budget, { monthly_usd: null });
});

test('new providers: ids are unique, cloud kinds need a key, compatible servers need an address', () => {
  const rows = llmToRows(STORED);
  assert.equal(newProviderId('openai', rows), 'openai-2');
  assert.equal(newProviderId('anthropic', rows), 'anthropic');
  const a = newProviderRow('anthropic', rows);
  const c = newProviderRow('openai_compatible', rows);
  const dup = { ...newProviderRow('ollama', rows), id: 'local', model: 'x' };
  const out = rowsToPayload([...rows, a, c, dup], 'lots');
  assert.equal(out.llm, undefined);
  assert.deepEqual(out.errors.map((e) => e.field).sort(), [
    'budget', 'providers.2.api_key', 'providers.2.model', 'providers.3.base_url', 'providers.3.model', 'providers.4.id',
  ]);
});

test('base_url must be http(s)', () => {
  const row = { ...newProviderRow('ollama', []), model: 'm', base_url: 'file:///etc/passwd' };
  assert.deepEqual(rowsToPayload([row], '').errors.map((e) => e.field), ['providers.0.base_url']);
});

test('budget: empty is none, dollars with up to two decimals', () => {
  assert.deepEqual(parseBudget(''), { value: null });
  assert.deepEqual(parseBudget('$12.50'), { value: 12.5 });
  assert.ok(parseBudget('-3').error);
  assert.ok(parseBudget('1.234').error);
});
