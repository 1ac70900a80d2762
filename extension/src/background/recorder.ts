// What the host and the health log keep about the pages read: jobs seen and selector steps. Gathered
// per page and written a moment after a burst ends, as one jobs.upsert and one selectors.report per
// 200 entries, so that a burst's storage and host writes never run while the page is drawing the
// cards the burst brought (and ten small bursts cost one write, not ten).
import type { Background } from './context';
import { reportBatches } from './health';

const QUIET_MS = 250;   // write once the page has been quiet this long
const MAX_WAIT_MS = 2000; // ... or at the latest this long after the first unwritten read

interface Pending {
  url: string;
  layout: string;
  steps: Record<string, number>[];
  jobs: Map<string, Record<string, unknown>>;
}

// Two reads of one job in a batch (a card, then the open job's pane): later values win, but an empty
// or missing one never erases what was read (the host merges the same way, docs/protocol.md).
export function mergeJob(old: Record<string, unknown> | undefined, next: Record<string, unknown>): Record<string, unknown> {
  const out = { ...old };
  for (const [k, v] of Object.entries(next)) if (v !== undefined && v !== null && v !== '') out[k] = v;
  return out;
}

export class Recorder {
  private pending = new Map<string, Pending>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private first = 0;

  constructor(private readonly bg: Background) {}

  add(url: string, layout: string, steps: Record<string, number>[], jobs: Record<string, unknown>[]): void {
    const key = `${layout} ${url}`;
    let p = this.pending.get(key);
    if (!p) this.pending.set(key, (p = { url, layout, steps: [], jobs: new Map() }));
    p.steps.push(...steps);
    for (const j of jobs) p.jobs.set(String(j.id), mergeJob(p.jobs.get(String(j.id)), j));
    const now = Date.now();
    if (this.timer === null) this.first = now;
    else clearTimeout(this.timer);
    const wait = Math.min(QUIET_MS, Math.max(0, this.first + MAX_WAIT_MS - now));
    this.timer = setTimeout(() => void this.flush(), wait);
  }

  async flush(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const batches = [...this.pending.values()];
    this.pending.clear();
    for (const p of batches) {
      await this.bg.health.record(p.url, p.layout, this.bg.core.rules.version, p.steps);
      if (p.jobs.size) await this.bg.host.write('jobs.upsert', { layout: p.layout, jobs: [...p.jobs.values()] });
      for (const fields of reportBatches(p.steps))
        await this.bg.host.write('selectors.report', { layout: p.layout, url: p.url, fields });
    }
  }
}
