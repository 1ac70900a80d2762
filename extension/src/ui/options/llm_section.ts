// The AI providers section: ui.llm.get / ui.llm.put. Keys are write-only: inputs are password
// fields that start empty, and a stored key is only ever shown as "key stored". These settings
// live in the host, so without it the section explains that instead of showing a form.
import { call } from '../common/rpc';
import { byId, clear, h, say } from '../common/dom';
import { errorCount, saveForm, showErrors } from '../common/form_errors';
import { KIND_LABELS, llmToRows, MODEL_HINTS, newProviderRow, rowsToPayload, URL_HINTS, type ProviderRow } from '../logic/llm_form';
import { PROVIDER_KINDS, readLlm, type ProviderKind } from '../logic/shapes';
import { errorText, usd } from '../logic/status_text';

let rows: ProviderRow[] = [];

function labelled(id: string, label: string, control: HTMLElement, field: string, hint?: string): HTMLElement {
  control.id = id;
  control.dataset.field = field;
  const err = h('p', { class: 'field-error', id: `err-${id}`, 'data-error-for': field, hidden: true });
  const hintEl = hint ? h('p', { class: 'hint', id: `hint-${id}` }, hint) : null;
  control.setAttribute('aria-describedby', [hintEl ? `hint-${id}` : '', err.id].filter(Boolean).join(' '));
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, hintEl, err);
}

// Reads the inputs back into `rows` before any re-render, so typed values survive add/remove.
function syncFromDom(): void {
  byId('providers').querySelectorAll<HTMLElement>('.provider').forEach((el, i) => {
    const r = rows[i];
    if (!r) return;
    const val = (sel: string) => el.querySelector<HTMLInputElement>(sel)?.value ?? '';
    if (!r.stored) r.id = val('.p-id');
    r.model = val('.p-model');
    r.base_url = val('.p-url');
    r.api_key = val('.p-key');
  });
}

function providerView(r: ProviderRow, i: number): HTMLElement {
  const id = h('input', { class: 'p-id', autocomplete: 'off' });
  id.value = r.id;
  // A stored provider's name is fixed: its stored key belongs to that name.
  if (r.stored) id.readOnly = true;
  const model = h('input', { class: 'p-model', autocomplete: 'off', placeholder: MODEL_HINTS[r.kind] });
  model.value = r.model;
  const url = h('input', { class: 'p-url', type: 'url', autocomplete: 'off', placeholder: URL_HINTS[r.kind] });
  url.value = r.base_url;
  // Never prefilled; autocomplete off so the browser's password manager does not offer to save it.
  const key = h('input', { class: 'p-key', type: 'password', autocomplete: 'off', spellcheck: 'false' });
  const keyHint = r.has_key ? 'key stored ✓ (hidden). Leave empty to keep it; type a new one to replace it.'
    : r.kind === 'ollama' || r.kind === 'openai_compatible' ? 'Optional for local servers.' : 'Required.';
  const remove = h('button', { type: 'button', class: 'small', 'aria-label': `Remove provider ${r.id}` }, 'Remove');
  remove.addEventListener('click', () => {
    syncFromDom();
    rows.splice(i, 1);
    render();
    byId('new-kind').focus();
  });
  return h('fieldset', { class: 'provider' },
    h('legend', {}, `${KIND_LABELS[r.kind]} — ${r.id || 'new'}`),
    h('div', { class: 'grid' },
      labelled(`prov-${i}-id`, 'Name', id, `providers.${i}.id`, r.stored ? undefined : 'A short name of your choice.'),
      labelled(`prov-${i}-model`, 'Model', model, `providers.${i}.model`)),
    labelled(`prov-${i}-url`, 'Server address', url, `providers.${i}.base_url`),
    labelled(`prov-${i}-key`, 'API key', key, `providers.${i}.api_key`, keyHint),
    remove);
}

function render(): void {
  const box = byId('providers');
  clear(box);
  if (rows.length === 0) box.append(h('p', { class: 'hint' }, 'No provider configured: AI analysis is off.'));
  rows.forEach((r, i) => box.append(providerView(r, i)));
}

async function save(ev: Event): Promise<void> {
  ev.preventDefault();
  syncFromDom();
  const form = byId('llm-form'), notice = byId('llm-notice');
  const { llm, errors } = rowsToPayload(rows, byId<HTMLInputElement>('budget').value);
  if (!llm) {
    showErrors(form, errors);
    say(notice, errorCount(errors.length), 'error');
    return;
  }
  if ((await saveForm(form, notice, errors, () => call({ type: 'ui.llm.put', llm }))) === null) return;
  // Reload so the key inputs are emptied and "key stored" reflects what the host now holds.
  await load();
  say(notice, 'Saved.', 'ok');
}

async function load(): Promise<void> {
  const reply = await call({ type: 'ui.llm.get' });
  const unavailable = byId('ai-unavailable');
  if (!reply.ok) {
    byId('llm-form').hidden = true;
    say(unavailable, reply.error.name === 'host_unavailable'
      ? 'AI provider settings and API keys are kept by the JobLens host, not in the browser, so they need the host installed and running. See the Host section.'
      : `AI settings could not be loaded: ${errorText(reply.error)}`, 'error');
    return;
  }
  say(unavailable, '');
  const llm = readLlm(reply.value);
  rows = llmToRows(llm);
  render();
  byId<HTMLInputElement>('budget').value = llm.budget.monthly_usd === null ? '' : String(llm.budget.monthly_usd);
  byId('spent').textContent = `Spent this month: ${usd(llm.budget.spent_usd)}.`;
  byId('llm-form').hidden = false;
}

export function initLlm(): void {
  const kinds = byId<HTMLSelectElement>('new-kind');
  for (const k of PROVIDER_KINDS) kinds.append(h('option', { value: k }, KIND_LABELS[k]));
  byId('add-provider').addEventListener('click', () => {
    syncFromDom();
    rows.push(newProviderRow(kinds.value as ProviderKind, rows));
    render();
    byId(`prov-${rows.length - 1}-model`).focus();
  });
  byId('llm-form').addEventListener('submit', (ev) => void save(ev));
  void load();
}
