// Content-script requests, one handler per type (table at the bottom). The core does the reading,
// scoring and health; this file routes results and queues what the host should keep.
import type {
  AnalysisReply, CardResult, CardsReply, DetailReply, DetailResult, HelloReply, LayoutReply, PageRequest,
} from '../common/messages';
import { llmAnalysis } from './analysis_view';
import type { Background } from './context';
import { JobLensError } from './errors';

type Req<T extends PageRequest['type']> = Extract<PageRequest, { type: T }>;
type Handler = (bg: Background, tabId: number, message: never) => unknown | Promise<unknown>;

const TIMINGS_KEPT = 200;

function hello(bg: Background): HelloReply {
  const { rules } = bg.core;
  return { rules_version: rules.version, markers: rules.markers, settings: bg.settings, profile: bg.profile !== null, host: bg.hostStatus() };
}

function layout(bg: Background, tabId: number, m: Req<'page.layout'>): LayoutReply {
  const { layout: name, rule } = bg.core.api.detectLayout(m.url, m.signals);
  bg.tab(tabId, m.url).layout = name;
  return { layout: name, rule, rules: bg.core.rules.layouts[name] ?? null };
}

// The job JSON a card was scored as: the same fields the core's card_job takes (resolve.cpp).
function cardJob(c: CardResult): Record<string, unknown> {
  const job: Record<string, unknown> = { id: c.job_id, title: c.title, company: c.company ?? '', location: c.location ?? '' };
  if (c.salary) job.salary = c.salary;
  if (c.workplace) job.workplace = c.workplace;
  return job;
}

function storedJob(c: CardResult, layoutName: string, url: string): Record<string, unknown> {
  return {
    ...cardJob(c), layout: layoutName, url: new URL(`/jobs/view/${c.job_id}/`, url).href,
    promoted: c.promoted, applied: c.applied, easy_apply: c.easy_apply,
  };
}

async function cards(bg: Background, tabId: number, m: Req<'page.cards'>): Promise<CardsReply> {
  const t0 = performance.now();
  const tab = bg.tab(tabId, m.url);
  const results = bg.core.api.pageCards({ layout: m.layout, cards: m.cards }, Date.now()) as unknown as CardResult[];
  const fresh: CardResult[] = [];
  for (const c of results) {
    const open = tab.detail && c.job_id === tab.detail.job_id ? tab.detail : null;
    if (open && c.score !== undefined) Object.assign(c, { score: open.score, badge: open.badge, reasons: open.reasons.slice(0, 3), full: true });
    if (c.job_id && !c.error) {
      if (!tab.inputs.has(c.job_id)) fresh.push(c);
      tab.inputs.set(c.job_id, open && tab.detailInput ? tab.detailInput : cardJob(c));
    }
    tab.cards.set(c.key, c);
  }
  bg.timings.push({ kind: 'cards', n: results.length, ms: performance.now() - t0 });
  if (bg.timings.length > TIMINGS_KEPT) bg.timings.shift();
  // What the host keeps is written after the burst (recorder.ts): badges never wait for storage.
  bg.recorder.add(m.url, m.layout, results.map((c) => c.steps), fresh.map((c) => storedJob(c, m.layout, m.url)));
  return { cards: results };
}

function pick(r: Record<string, unknown>, id: string, steps: Record<string, number>): DetailResult {
  const g = <T>(k: string, fallback: T): T => (r[k] as T | undefined) ?? fallback;
  return {
    job_id: id, steps, score: g('score', 0), badge: g('badge', ''), reasons: g('reasons', []), skills: g('skills', []),
    matched_skills: g('matched_skills', []), missing_required: g('missing_required', []),
    missing_nice_to_have: g('missing_nice_to_have', []), fit: g('fit', {}), seniority: g('seniority', ''),
    workplace: g('workplace', ''), years_min: g('years_min', null), capped: g('capped', false),
  };
}

async function detail(bg: Background, tabId: number, m: Req<'page.detail'>): Promise<DetailReply> {
  const t0 = performance.now();
  const tab = bg.tab(tabId, m.url);
  type Reply = { stale: boolean; job_id: string; steps: Record<string, number>; job?: Record<string, unknown>; result?: Record<string, unknown> };
  const read = (card: unknown) => bg.core.api.pageDetail(
    { layout: m.layout, url: m.url, raw: m.raw, card, document_title: m.document_title }, Date.now()) as unknown as Reply;
  let r = read(m.card);
  // The URL named no job, so the content script could not say which card is open; the pane's id
  // does, and that card's title and company make the score complete.
  if (!m.card && r.job_id) {
    const card = [...tab.cards.values()].find((c) => c.job_id === r.job_id);
    if (card) r = read(card);
  }
  if (r.stale) return { detail: null, stale: true };
  bg.recorder.add(m.url, m.layout, [r.steps], r.job ? [{ ...r.job, layout: m.layout, url: new URL(`/jobs/view/${r.job_id}/`, m.url).href }] : []);
  if (!r.job) return { detail: null, error: { code: 1003, name: 'missing_field', message: 'the job’s description was not found on the page' } };
  if (!r.result) return { detail: null, error: { code: 1003, name: 'missing_field', message: 'no profile set' } };
  tab.detail = pick(r.result, r.job_id, r.steps);
  tab.detailInput = r.job;
  tab.inputs.set(r.job_id, r.job);
  bg.timings.push({ kind: 'detail', n: 1, ms: performance.now() - t0 });
  return { detail: tab.detail };
}

// What the panel's host-backed sections need, by host capability. A host without the capability
// (an older version) gets a clear "not available" instead of an unknown_type error.
const ANALYSES = [
  { key: 'similar', capability: 'jobs.similar', args: (id: string) => ({ id, limit: 5 }), pick: (r: any) => r.jobs ?? [] },
  { key: 'llm', capability: 'llm.analyze', args: (id: string) => ({ id }), pick: llmAnalysis },
] as const;


async function analysis(bg: Background, _tabId: number, m: Req<'page.analysis'>): Promise<AnalysisReply> {
  if (!bg.hostStatus().connected)
    return { unavailable: `Similar jobs and AI analysis come from the JobLens host, which is not connected. ${bg.host.unavailableMessage()}` };
  const caps = bg.host.capabilities();
  void bg.recorder.flush();  // the open job, so that the host can answer for it
  const reply: AnalysisReply = {};
  const missing: string[] = [];
  for (const a of ANALYSES) {
    if (!caps.includes(a.capability)) { missing.push(a.key === 'similar' ? 'similar jobs' : 'AI analysis'); continue; }
    try {
      const picked = a.pick(await bg.host.request(a.capability, a.args(m.job_id)));
      (reply as Record<string, unknown>)[a.key] = picked;
      if (a.key === 'llm' && (picked as { pending?: boolean }).pending) reply.pending = true;
    } catch (e) {
      // The open job reaches the host with the recorder's next write (a moment after the burst): not
      // stored yet is "ask again shortly", not a failure.
      if (e instanceof JobLensError && e.codeName === 'not_found') { reply.pending = true; continue; }
      missing.push(`${a.key}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (missing.length) reply.unavailable = `Not available from this host: ${missing.join(', ')}.`;
  return reply;
}

// The benchmark's probe: a round trip, through the host when asked, optionally with a jobs.upsert
// of `upsert` jobs (bridge.batch25_ms). The jobs have ids far from LinkedIn's, so they never mix with
// real ones.
async function ping(bg: Background, _tabId: number, m: { host?: boolean; upsert?: number }): Promise<{ host: boolean }> {
  const n = Math.min(Math.max(0, Math.floor(m.upsert ?? 0)), 100);
  if (m.host && n > 0) {
    const jobs = Array.from({ length: n }, (_, i) => ({ id: `9${String(i).padStart(11, '0')}`, title: 'JobLens bridge probe', company: 'JobLens', location: '' }));
    await bg.host.request('jobs.upsert', { layout: 'bench', jobs });
  } else if (m.host) await bg.host.request('hello');
  return { host: !!m.host };
}

export const PAGE_HANDLERS: Record<string, Handler> = {
  'page.hello': hello as Handler,
  'page.layout': layout as Handler,
  'page.cards': cards as Handler,
  'page.detail': detail as Handler,
  'page.analysis': analysis as Handler,
  'page.ping': ping as Handler,
};
