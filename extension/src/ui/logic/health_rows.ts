// Selector health as table rows. A required field with misses means LinkedIn changed its page and
// badges or the panel will be missing data, so those rows are flagged for the page to highlight.
import { CARD_FIELDS, DETAIL_FIELDS } from '../../common/messages';
import type { HostFieldHealth, PageHealth } from './shapes';

export const REQUIRED_FIELDS: readonly string[] = ['job_id', 'title', 'company', 'location', 'description', 'detail_job_id'];
const FIELD_ORDER: readonly string[] = [...CARD_FIELDS, ...DETAIL_FIELDS];

export interface HealthRow {
  field: string;
  required: boolean;
  hits: number;
  misses: number;
  firstChoice: string;   // "100%", or "—" when nothing was read
  alert: boolean;        // a required field missed at least once
}

export function percent(rate: number | null): string {
  if (rate === null || !Number.isFinite(rate)) return '—';
  return `${Math.round(Math.min(1, Math.max(0, rate)) * 100)}%`;
}

// Known fields in the core's order (cards, then the detail pane), then any others alphabetically.
function fieldRank(a: string, b: string): number {
  const ia = FIELD_ORDER.indexOf(a), ib = FIELD_ORDER.indexOf(b);
  if (ia !== -1 && ib !== -1) return ia - ib;
  if (ia !== -1) return -1;
  if (ib !== -1) return 1;
  return a.localeCompare(b);
}

// first_choice counts the reads where step 0 of the chain matched; as in the host's
// first_choice_rate, the rate is over every read (hits + misses), so misses pull it down too.
export function pageRows(page: PageHealth): HealthRow[] {
  return Object.keys(page.fields).sort(fieldRank).map((field) => {
    const f = page.fields[field]!;
    const reads = f.hits + f.misses;
    const required = REQUIRED_FIELDS.includes(field);
    return {
      field, required, hits: f.hits, misses: f.misses,
      firstChoice: percent(reads > 0 ? f.first_choice / reads : null),
      alert: required && f.misses > 0,
    };
  });
}

export interface HostHealthGroup { layout: string; rows: HealthRow[] }

// The host reports hits per chain step; step -1 is "no step matched" (= failures).
export function hostGroups(fields: readonly HostFieldHealth[]): HostHealthGroup[] {
  const byLayout = new Map<string, HealthRow[]>();
  for (const f of fields) {
    const hits = f.steps.filter((s) => s.step >= 0).reduce((n, s) => n + s.hits, 0);
    const required = REQUIRED_FIELDS.includes(f.field);
    const row: HealthRow = {
      field: f.field, required, hits, misses: f.failures,
      firstChoice: percent(hits + f.failures > 0 ? f.first_choice_rate : null),
      alert: required && f.failures > 0,
    };
    const rows = byLayout.get(f.layout) ?? [];
    rows.push(row);
    byLayout.set(f.layout, rows);
  }
  return [...byLayout.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([layout, rows]) => ({ layout, rows: rows.sort((a, b) => fieldRank(a.field, b.field)) }));
}

// How many required fields missed: the one-line summary above a table.
export function alertSummary(rows: readonly HealthRow[]): string {
  const bad = rows.filter((r) => r.alert).map((r) => r.field);
  if (bad.length === 0) return 'All required fields were found.';
  return `Required ${bad.length === 1 ? 'field' : 'fields'} not always found: ${bad.join(', ')}. ` +
    'LinkedIn may have changed its page; badges can be missing until the selector rules are updated.';
}

// `at` is a millisecond timestamp or an ISO string; shown in the person's locale.
export function pageTime(at: number | string): string {
  const d = new Date(at);
  return Number.isNaN(d.getTime()) || at === 0 ? 'unknown time' : d.toLocaleString();
}
