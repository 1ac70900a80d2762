// The open job (details pane on two-pane search, or the standalone /jobs/view/ page): read it, send
// page.detail, show the result in the panel and ask the host for similar jobs and an AI analysis.
// The stale-pane guard is the background's (detail_job_id must equal the URL id); on `stale` we wait
// for the pane to change (the next read differs) instead of re-sending the same text.
import type { AnalysisReply, CardResult, DetailReply, LayoutRules, RawFields } from '../common/messages';
import { cappedText, CARD_TEXT_CAP, findElements, runChain, type ElLike } from './chain';
import type { Panel } from './panel';
import { blockText, type NodeLike } from './text';
import { urlJobId } from './url';

export const DESCRIPTION_CAP = 100_000;
const ANALYSIS_POLL_MS = 1500;
const ANALYSIS_POLLS = 40; // a minute of "pending" at most, then we stop asking

export interface DetailEnv {
  detail(jobId: string, raw: RawFields, card?: CardResult): Promise<DetailReply>;
  analysis(jobId: string): Promise<AnalysisReply>;
  onScored(d: NonNullable<DetailReply['detail']>): void;
  card(jobId: string): CardResult | undefined;
}

export class Detail {
  pane: Element | null = null;
  private jobId: string | null = null;
  private sig: string | null = null;  // what was last sent (jobId + raw), or null to send again
  private seq = 0;                    // ignores replies for a job that is no longer open
  private analysisTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly doc: Document, private readonly panel: Panel, private readonly env: DetailEnv) {}

  check(rules: LayoutRules, href: string): void {
    const jobId = urlJobId(href);
    if (jobId !== this.jobId) {
      this.jobId = jobId;
      this.sig = null;
      this.seq++;
      clearTimeout(this.analysisTimer);
      this.panel.setJob(jobId, null);
    }
    this.pane = findElements<Element>(this.doc as unknown as ElLike, rules.fields.details_pane).els[0] ?? null;
    if (!this.pane) return; // the pane is not rendered yet: next mutation
    // No job id in the URL (a search opened without currentJobId): the pane's own id decides.
    const raw = readDetail(this.pane, rules);
    // The open job's card may be scored after the pane is read; its arrival changes the signature, so
    // the job is sent again with its title and company (main.ts pokes us after every cards reply).
    const card = jobId ? this.env.card(jobId) : undefined;
    const sig = JSON.stringify([jobId, raw, card?.title ?? null]);
    if (sig === this.sig) return;
    this.sig = sig;
    const seq = this.seq;
    this.env.detail(jobId ?? '', raw, card).then((r) => {
      if (seq !== this.seq) return;
      if (r.stale) return;        // keep sig: re-send only once the pane shows something else
      const id = jobId || r.detail?.job_id || '';
      if (r.detail) {
        this.panel.setJob(id, r.detail);
        this.env.onScored(r.detail);
        this.askAnalysis(id, seq, 0);
      } else if (id) this.panel.setJob(id, null, r.error?.message ?? null);
    }, (e: Error) => {
      if (seq !== this.seq) return;
      this.sig = null;            // a transport failure: try again on the next change
      if (jobId) this.panel.setJob(jobId, null, e.message);
    });
  }

  // profile.changed: score the open job again.
  invalidate(): void { this.sig = null; this.seq++; }

  // host.changed: the similar-jobs and AI sections depend on the host; ask again.
  refreshAnalysis(): void {
    if (!this.jobId) return;
    clearTimeout(this.analysisTimer);
    this.askAnalysis(this.jobId, this.seq, 0);
  }

  private askAnalysis(jobId: string, seq: number, n: number): void {
    if (n === 0) this.panel.setAnalysis('loading');
    this.env.analysis(jobId).then((a) => {
      if (seq !== this.seq) return;
      this.panel.setAnalysis(a);
      if (a.pending && n < ANALYSIS_POLLS) this.analysisTimer = setTimeout(() => this.askAnalysis(jobId, seq, n + 1), ANALYSIS_POLL_MS);
    }, (e: Error) => { if (seq === this.seq) this.panel.setAnalysis({ unavailable: e.message }); });
  }
}

// detail_job_id as plain capped text; the description with line breaks between blocks (text.ts).
export function readDetail(pane: Element, rules: LayoutRules): RawFields {
  const raw: RawFields = {};
  const id = rules.fields.detail_job_id;
  if (id) raw.detail_job_id = runChain(pane, id, cappedText(CARD_TEXT_CAP));
  const desc = rules.fields.description;
  if (desc) raw.description = runChain(pane, desc, (e) => blockText(e as unknown as NodeLike, DESCRIPTION_CAP), DESCRIPTION_CAP);
  return raw;
}
