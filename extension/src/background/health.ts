// Selector health: for every field, which step of its chain matched. Kept per page in extension storage
// (the options page's health table) and sent to the host (selectors.report), which keeps the history.
import { KEYS, load, save } from './storage';

export interface FieldHealth { hits: number; misses: number; first_choice: number }
export interface PageHealth {
  url: string;
  layout: string;
  rules_version: string;
  at: number;
  fields: Record<string, FieldHealth>;
}

const KEEP_PAGES = 20;
// selectors.report takes at most 200 entries per message (docs/protocol.md).
const REPORT_MAX = 200;

// Adds one card's or one pane's steps into the page's tally.
export function tally(page: PageHealth, steps: Record<string, number>): void {
  for (const [field, step] of Object.entries(steps)) {
    const f = (page.fields[field] ??= { hits: 0, misses: 0, first_choice: 0 });
    if (step < 0) f.misses++;
    else {
      f.hits++;
      if (step === 0) f.first_choice++;
    }
  }
}

// {field, step} entries for selectors.report, in messages of at most REPORT_MAX entries.
export function reportBatches(stepsList: Record<string, number>[]): { field: string; step: number }[][] {
  const all = stepsList.flatMap((steps) => Object.entries(steps).map(([field, step]) => ({ field, step })));
  const out: { field: string; step: number }[][] = [];
  for (let i = 0; i < all.length; i += REPORT_MAX) out.push(all.slice(i, i + REPORT_MAX));
  return out;
}

// The page's path without the query: one row per kind of page, not per search.
export function pageKey(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return url.slice(0, 200);
  }
}

export class HealthLog {
  private pages: PageHealth[] | null = null;
  private saving: ReturnType<typeof setTimeout> | null = null;

  async all(): Promise<PageHealth[]> {
    this.pages ??= await load<PageHealth[]>(KEYS.health, []);
    return this.pages;
  }

  async record(url: string, layout: string, rulesVersion: string, stepsList: Record<string, number>[]): Promise<void> {
    const pages = await this.all();
    const key = pageKey(url);
    let page = pages.find((p) => p.url === key && p.layout === layout && p.rules_version === rulesVersion);
    if (!page) {
      page = { url: key, layout, rules_version: rulesVersion, at: Date.now(), fields: {} };
      pages.unshift(page);
      pages.length = Math.min(pages.length, KEEP_PAGES);
    }
    page.at = Date.now();
    for (const steps of stepsList) tally(page, steps);
    // Storage writes are batched: a burst of cards costs one write, not one per message.
    this.saving ??= setTimeout(() => {
      this.saving = null;
      void save(KEYS.health, this.pages);
    }, 1_000);
  }
}
