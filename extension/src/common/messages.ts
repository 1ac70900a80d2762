// The messages between the extension's parts. The content script talks to the background over one
// long-lived runtime port per tab (PAGE_PORT); popup and options use runtime.sendMessage. The
// background checks every message against these shapes before acting (background/validate.ts).
// Documented with examples in docs/extension.md.

export const PAGE_PORT = 'joblens-page';

// Field names of the core's selector rules (shared/selectors/rules.hpp, kFields order).
export const CARD_FIELDS = [
  'job_id', 'title', 'company', 'location', 'workplace', 'salary', 'promoted', 'applied', 'easy_apply',
] as const;
export const DETAIL_FIELDS = ['detail_job_id', 'description'] as const;
export type CardField = (typeof CARD_FIELDS)[number];
export type DetailField = (typeof DETAIL_FIELDS)[number];

// One step of a selector chain, as the core exports it (rules_to_json).
export type Read = 'text' | 'attr' | 'presence' | 'absence' | 'each_text' | 'longest_text' | 'elements';
// stop: the step's post never empties a value with a non-space character, so once this step reads
// one, no later step can be chosen and the content script skips them (they are sent as []).
export interface Step { selector: string; read: Read; attr?: string; post: string; self?: boolean; stop?: boolean }
export interface LayoutRules { fields: Record<string, Step[]> }
export interface Marker { id: string; selector: string }

// What the content script read for one field: raw[i] holds the strings step i produced before
// post-processing (text: [textContent of the first match]; attr: [value]; presence/absence: ["true"]
// or []; each_text: every match's text, at most 8; longest_text: [the longest]). The core applies the
// posts and picks the first step whose result is non-empty.
export type RawField = string[][];
export type RawFields = Partial<Record<string, RawField>>;

export interface RawCard { key: string; raw: RawFields }

export interface OverlaySettings {
  enabled: boolean;
  threshold: number;             // 0-100: the "below threshold" filter and the badge colour's midpoint
  hide_promoted: boolean;
  hide_applied: boolean;
  hide_below_threshold: boolean;
  blocked_companies: string[];   // case-insensitive exact company names
}
export const DEFAULT_SETTINGS: OverlaySettings = {
  enabled: true, threshold: 60, hide_promoted: false, hide_applied: false, hide_below_threshold: false,
  blocked_companies: [],
};

export interface HostStatus {
  connected: boolean;
  version?: string;
  error?: string;                // why it is not connected, in words
  queued: number;                // writes waiting for the host
}

export interface CodedError { code: number; name: string; message: string }

// steps[field] = index of the chain step that produced the value, or -1 (selector health).
export interface CardResult {
  key: string;
  job_id?: string;
  title?: string;
  company?: string;
  location?: string;
  workplace?: string;
  salary?: string;
  promoted: boolean;
  applied: boolean;
  easy_apply: boolean;
  steps: Record<string, number>;
  score?: number;                // absent when the card could not be scored (see error)
  badge?: string;                // one-line explanation
  reasons?: string[];            // the top reasons, for the tooltip
  full?: boolean;                // true when the score used the job's description (the open job)
  error?: CodedError;
}

export interface SkillLine { name: string; category: string; requirement: string; matched: boolean; min_years: number | null }
export interface FitPart { fit: number | null; weight: number; detail: string }
export interface DetailResult {
  job_id: string;
  steps: Record<string, number>;
  score: number;
  badge: string;
  reasons: string[];
  skills: SkillLine[];
  matched_skills: string[];
  missing_required: string[];
  missing_nice_to_have: string[];
  fit: Record<string, FitPart>;
  seniority: string;
  workplace: string;
  years_min: number | null;
  capped: boolean;
}

// Content script -> background, each with an id; the reply carries the same id.
export type PageRequest =
  | { id: number; type: 'page.hello'; url: string }
  | { id: number; type: 'page.layout'; url: string; signals: string[] }
  | { id: number; type: 'page.cards'; url: string; layout: string; cards: RawCard[] }
  | { id: number; type: 'page.detail'; url: string; layout: string; job_id: string; raw: RawFields; card?: Partial<CardResult>; document_title?: string }
  | { id: number; type: 'page.analysis'; job_id: string }
  | { id: number; type: 'page.ping'; host?: boolean; upsert?: number };  // round-trip probe (scripts/bench overlay)

// hello: what the content script needs before it looks at the page. It then tests every marker
// (document.querySelector(selector) !== null) and sends the ids present as page.layout's signals.
export interface HelloReply {
  rules_version: string;
  markers: Marker[];
  settings: OverlaySettings;
  profile: boolean;              // false: no profile yet, badges say "set up your profile"
  host: HostStatus;
}
export interface LayoutReply {
  layout: string;                // e1 | e2 | e3 | e4 | guest | unknown (retry after the next mutation)
  rule: number;                  // which detection rule decided (docs/selectors.md)
  rules: LayoutRules | null;     // the chains of `layout`, every field (null when unknown)
}
export interface CardsReply { cards: CardResult[] }
export interface DetailReply { detail: DetailResult | null; stale?: boolean; error?: CodedError }
// Similar jobs and LLM analysis come from the host; `unavailable` says why not, in words.
export interface AnalysisReply {
  similar?: { job_id: string; title: string; company: string; score?: number }[];
  llm?: { summary: string; provider: string; pending?: boolean; offline?: boolean };
  pending?: boolean;
  unavailable?: string;
}

export type PageReply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: CodedError };

// Background -> content script pushes (no id).
export type PagePush =
  | { type: 'settings.changed'; settings: OverlaySettings }
  | { type: 'profile.changed' }
  | { type: 'host.changed'; host: HostStatus };

// Popup/options -> background (runtime.sendMessage); the reply is PageReply-shaped without id.
export type UiRequest =
  | { type: 'ui.status' }
  | { type: 'ui.profile.get' }
  | { type: 'ui.profile.put'; profile: Record<string, unknown> }
  | { type: 'ui.resume.import'; filename: string; data_base64: string }
  | { type: 'ui.settings.get' }
  | { type: 'ui.settings.put'; settings: OverlaySettings }
  | { type: 'ui.llm.get' }
  | { type: 'ui.llm.put'; llm: Record<string, unknown> }
  | { type: 'ui.health' };

export type UiReply = { ok: true; result: unknown } | { ok: false; error: CodedError };
