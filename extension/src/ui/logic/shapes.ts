// The result shapes the background returns to the popup and options pages (UiRequest in
// common/messages.ts). They live here, not in messages.ts, because only the pages read them; the
// background builds them from the host's replies. Each reader below accepts `unknown` and fills
// gaps with safe defaults, so a background that is a version behind still gives a usable page.
import type { CodedError, HostStatus, OverlaySettings } from '../../common/messages';
import { DEFAULT_SETTINGS } from '../../common/messages';

export interface StatusResult {
  host: HostStatus;
  install: { command: string; docs: string };
  profile: { present: boolean; name?: string; version?: string; skills: number };
  core: { skills: number; rules_version: string };
  spend?: { month_usd: number; budget_usd: number | null };
}

export type ProviderKind = 'openai' | 'anthropic' | 'ollama' | 'openai_compatible';
export const PROVIDER_KINDS: readonly ProviderKind[] = ['openai', 'anthropic', 'ollama', 'openai_compatible'];
export interface StoredProvider { id: string; kind: ProviderKind; base_url?: string; model: string; has_key: boolean }
export interface LlmResult { providers: StoredProvider[]; budget: { monthly_usd: number | null; spent_usd: number } }

export interface PageFieldHealth { hits: number; misses: number; first_choice: number }
export interface PageHealth { url: string; layout: string; rules_version: string; at: number | string; fields: Record<string, PageFieldHealth> }
export interface HostFieldHealth {
  layout: string; field: string; failures: number; first_choice_rate: number;
  steps: { step: number; hits: number; last_at?: number }[];
}
export interface HealthResult { pages: PageHealth[]; host: { fields: HostFieldHealth[] } | null }

// resume.import's reply (docs/protocol.md#resumeimport).
export interface ResumeProposal {
  profile: Record<string, unknown>;
  confidence: Record<string, string>;
  needs_confirmation: boolean;
  source_chars: number;
  text: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: CodedError };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, d = ''): string => (typeof v === 'string' ? v : d);
const num = (v: unknown, d = 0): number => (typeof v === 'number' && Number.isFinite(v) ? v : d);
const numOrNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
export const asObject = (v: unknown): Record<string, unknown> => (isObj(v) ? v : {});

export function readStatus(v: unknown): StatusResult {
  const o = asObject(v);
  const h = asObject(o.host), i = asObject(o.install), p = asObject(o.profile), c = asObject(o.core);
  const out: StatusResult = {
    host: { connected: h.connected === true, queued: num(h.queued) },
    install: { command: str(i.command), docs: str(i.docs) },
    profile: { present: p.present === true, skills: num(p.skills) },
    core: { skills: num(c.skills), rules_version: str(c.rules_version) },
  };
  if (typeof h.version === 'string') out.host.version = h.version;
  if (typeof h.error === 'string') out.host.error = h.error;
  if (typeof p.name === 'string') out.profile.name = p.name;
  if (typeof p.version === 'string' || typeof p.version === 'number') out.profile.version = String(p.version);
  if (isObj(o.spend)) out.spend = { month_usd: num(o.spend.month_usd), budget_usd: numOrNull(o.spend.budget_usd) };
  return out;
}

export function readSettings(v: unknown): OverlaySettings {
  const s = asObject(asObject(v).settings);
  const bool = (k: keyof OverlaySettings): boolean =>
    (typeof s[k] === 'boolean' ? s[k] : DEFAULT_SETTINGS[k]) as boolean;
  return {
    enabled: bool('enabled'),
    threshold: num(s.threshold, DEFAULT_SETTINGS.threshold),
    hide_promoted: bool('hide_promoted'),
    hide_applied: bool('hide_applied'),
    hide_below_threshold: bool('hide_below_threshold'),
    blocked_companies: Array.isArray(s.blocked_companies)
      ? s.blocked_companies.filter((x): x is string => typeof x === 'string') : [],
  };
}

export function readLlm(v: unknown): LlmResult {
  const o = asObject(v);
  const providers = (Array.isArray(o.providers) ? o.providers : []).filter(isObj).map((p): StoredProvider => {
    const kind = PROVIDER_KINDS.includes(p.kind as ProviderKind) ? (p.kind as ProviderKind) : 'openai_compatible';
    const out: StoredProvider = { id: str(p.id), kind, model: str(p.model), has_key: p.has_key === true };
    if (typeof p.base_url === 'string' && p.base_url) out.base_url = p.base_url;
    return out;
  });
  const b = asObject(o.budget);
  return { providers, budget: { monthly_usd: numOrNull(b.monthly_usd), spent_usd: num(b.spent_usd) } };
}

export function readHealth(v: unknown): HealthResult {
  const o = asObject(v);
  const pages = (Array.isArray(o.pages) ? o.pages : []).filter(isObj).map((p): PageHealth => {
    const fields: Record<string, PageFieldHealth> = {};
    for (const [k, f] of Object.entries(asObject(p.fields))) {
      const r = asObject(f);
      fields[k] = { hits: num(r.hits), misses: num(r.misses), first_choice: num(r.first_choice) };
    }
    return {
      url: str(p.url), layout: str(p.layout), rules_version: str(p.rules_version),
      at: typeof p.at === 'number' || typeof p.at === 'string' ? p.at : 0, fields,
    };
  });
  let host: HealthResult['host'] = null;
  if (isObj(o.host)) {
    const rows = (Array.isArray(o.host.fields) ? o.host.fields : []).filter(isObj).map((f): HostFieldHealth => ({
      layout: str(f.layout), field: str(f.field), failures: num(f.failures),
      first_choice_rate: num(f.first_choice_rate),
      steps: (Array.isArray(f.steps) ? f.steps : []).filter(isObj)
        .map((s) => ({ step: num(s.step), hits: num(s.hits), last_at: num(s.last_at) })),
    }));
    host = { fields: rows };
  }
  return { pages, host };
}

export function readProposal(v: unknown): ResumeProposal {
  const o = asObject(v);
  const confidence: Record<string, string> = {};
  for (const [k, c] of Object.entries(asObject(o.confidence))) if (typeof c === 'string') confidence[k] = c;
  return {
    profile: asObject(o.profile), confidence, needs_confirmation: o.needs_confirmation !== false,
    source_chars: num(o.source_chars), text: str(o.text),
  };
}
