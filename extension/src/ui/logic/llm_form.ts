// The AI providers editor <-> the ui.llm.put payload. API keys never come back from the host, so a
// row only knows whether one is stored (has_key); the key input starts empty and an empty key in
// the payload means "keep the stored one" (the background's contract).
import type { FieldError } from './profile_form';
import { PROVIDER_KINDS, type LlmResult, type ProviderKind } from './shapes';

export interface ProviderRow {
  id: string;
  kind: ProviderKind;
  base_url: string;
  model: string;
  api_key: string;
  has_key: boolean;
  stored: boolean;   // came from the host: the id is fixed, because the stored key belongs to it
}

export const KIND_LABELS: Record<ProviderKind, string> = {
  openai: 'OpenAI', anthropic: 'Anthropic', ollama: 'Ollama (local)', openai_compatible: 'OpenAI-compatible server',
};
// Suggestions shown as placeholders only; nothing is filled in for the person.
export const MODEL_HINTS: Record<ProviderKind, string> = {
  openai: 'e.g. gpt-4o-mini', anthropic: 'e.g. claude-3-5-haiku-latest', ollama: 'e.g. llama3.1', openai_compatible: 'the model name the server expects',
};
export const URL_HINTS: Record<ProviderKind, string> = {
  openai: 'optional; default https://api.openai.com/v1', anthropic: 'optional; default https://api.anthropic.com',
  ollama: 'optional; default http://localhost:11434', openai_compatible: 'required, e.g. http://localhost:8080/v1',
};
// Cloud providers cannot answer without a key; local servers usually need none.
const NEEDS_KEY: ReadonlySet<ProviderKind> = new Set<ProviderKind>(['openai', 'anthropic']);

export function llmToRows(llm: LlmResult): ProviderRow[] {
  return llm.providers.map((p) => ({
    id: p.id, kind: p.kind, base_url: p.base_url ?? '', model: p.model, api_key: '', has_key: p.has_key, stored: true,
  }));
}

// A fresh id for a new row: the kind, then kind-2, kind-3… so two OpenAI accounts can coexist.
export function newProviderId(kind: ProviderKind, rows: readonly { id: string }[]): string {
  const taken = new Set(rows.map((r) => r.id));
  if (!taken.has(kind)) return kind;
  for (let n = 2; ; n++) if (!taken.has(`${kind}-${n}`)) return `${kind}-${n}`;
}

export function newProviderRow(kind: ProviderKind, rows: readonly { id: string }[]): ProviderRow {
  return { id: newProviderId(kind, rows), kind, base_url: '', model: '', api_key: '', has_key: false, stored: false };
}

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

// Budget as typed: '' means no budget (null); otherwise US dollars, 0 or more.
export function parseBudget(text: string): { value?: number | null; error?: string } {
  const t = text.trim().replace(/^\$/, '');
  if (t === '') return { value: null };
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return { error: 'Enter the budget in US dollars, e.g. 5 or 12.50, or leave it empty for none.' };
  return { value: Number(t) };
}

export function rowsToPayload(rows: readonly ProviderRow[], budgetText: string):
  { llm?: Record<string, unknown>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const ids = new Set<string>();
  const providers = rows.map((r, i) => {
    const id = r.id.trim();
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(id)) {
      errors.push({ field: `providers.${i}.id`, message: 'Use 1–64 letters, digits, dots, dashes or underscores.' });
    } else if (ids.has(id)) errors.push({ field: `providers.${i}.id`, message: `Another provider is already called "${id}".` });
    ids.add(id);
    if (!PROVIDER_KINDS.includes(r.kind)) errors.push({ field: `providers.${i}.kind`, message: 'Choose a provider type.' });
    const model = r.model.trim();
    if (!model) errors.push({ field: `providers.${i}.model`, message: 'Enter the model name.' });
    const baseUrl = r.base_url.trim();
    if (baseUrl && !isHttpUrl(baseUrl)) {
      errors.push({ field: `providers.${i}.base_url`, message: 'Enter a full http:// or https:// address.' });
    } else if (!baseUrl && r.kind === 'openai_compatible') {
      errors.push({ field: `providers.${i}.base_url`, message: 'An OpenAI-compatible server needs its address.' });
    }
    const key = r.api_key.trim();
    if (!key && !r.has_key && NEEDS_KEY.has(r.kind)) {
      errors.push({ field: `providers.${i}.api_key`, message: `${KIND_LABELS[r.kind]} needs an API key.` });
    }
    const p: Record<string, unknown> = { id, kind: r.kind, model };
    if (baseUrl) p.base_url = baseUrl;
    if (key) p.api_key = key;   // omitted: keep the stored key
    return p;
  });
  const budget = parseBudget(budgetText);
  if (budget.error) errors.push({ field: 'budget', message: budget.error });
  if (errors.length) return { errors };
  return { llm: { providers, budget: { monthly_usd: budget.value ?? null } }, errors };
}
