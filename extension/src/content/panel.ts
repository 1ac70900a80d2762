// The match panel for the open job: one fixed <joblens-panel> host with a closed shadow root. It
// shows the score, badge line, skills, fit lines, and the host-backed "Similar jobs" / "AI analysis"
// sections, plus the "N hidden by filters" counter. Collapsible (aria-expanded; Escape collapses).
// Page and host data only ever go through textContent.
import type { AnalysisReply, DetailResult } from '../common/messages';
import { el, type ViewCtx } from './badge';
import { scoreColour } from './colour';
import { t, type Key } from './i18n';
import { adoptPanel } from './style';

export type AnalysisView = AnalysisReply | 'loading' | null;

export class Panel {
  readonly host: HTMLElement;
  private readonly toggle: HTMLButtonElement;
  private readonly score: HTMLElement;
  private readonly hiddenText: HTMLElement;
  private readonly hiddenBtn: HTMLButtonElement;
  private readonly body: HTMLElement;
  private detail: DetailResult | null = null;
  private jobId: string | null = null;
  private error: string | null = null;
  private analysis: AnalysisView = null;
  private hiddenCount = 0;
  private revealed = false;
  private noProfile = false;
  private ctx: ViewCtx = { lang: 'en', threshold: 60, dark: false };

  constructor(private readonly doc: Document, private readonly onReveal: (revealed: boolean) => void) {
    const h = doc.createElement('joblens-panel');
    this.host = h;
    const root = h.attachShadow({ mode: 'closed' });
    adoptPanel(root);
    const p = el(doc, 'section', 'p');
    p.setAttribute('aria-label', 'JobLens');
    const header = el(doc, 'header');
    this.toggle = el(doc, 'button', 'tog', 'JobLens');
    this.toggle.setAttribute('aria-expanded', 'true');
    this.score = el(doc, 'span', 'sc', '–');
    this.hiddenText = el(doc, 'span', 'hc');
    this.hiddenBtn = el(doc, 'button');
    this.body = el(doc, 'div', 'bd');
    this.body.id = 'jl-body';
    this.toggle.setAttribute('aria-controls', 'jl-body');
    header.append(this.toggle, this.score, this.hiddenText, this.hiddenBtn);
    p.append(header, this.body);
    root.append(p);
    this.toggle.addEventListener('click', () => this.setExpanded(this.body.hidden));
    this.hiddenBtn.addEventListener('click', () => { this.revealed = !this.revealed; this.onReveal(this.revealed); this.renderHeader(); });
    // Escape anywhere inside the panel collapses it and keeps focus on the toggle.
    root.addEventListener('keydown', (e) => {
      const k = e as KeyboardEvent;
      if (k.key === 'Escape' && !this.body.hidden) { this.setExpanded(false); this.toggle.focus(); k.stopPropagation(); }
    });
    this.render();
  }

  setExpanded(open: boolean): void {
    this.body.hidden = !open;
    this.toggle.setAttribute('aria-expanded', String(open));
  }

  setCtx(ctx: ViewCtx): void { this.ctx = ctx; this.render(); }
  setNoProfile(v: boolean): void { this.noProfile = v; this.render(); }

  // jobId: the open job (null: none); detail: its scored result once the background answered.
  // error: why the background could not score it (shown instead of "Loading…").
  setJob(jobId: string | null, detail: DetailResult | null, error: string | null = null): void {
    if (jobId !== this.jobId) this.analysis = null;
    this.jobId = jobId;
    this.detail = detail;
    this.error = error;
    this.render();
  }

  setAnalysis(a: AnalysisView): void { this.analysis = a; this.render(); }

  setHidden(count: number): void {
    this.hiddenCount = count;
    // Nothing hidden any more (filters off): "show hidden" ends, so turning a filter on hides again.
    if (!count && this.revealed) { this.revealed = false; this.onReveal(false); }
    this.renderHeader();
  }

  private renderHeader(): void {
    const { lang } = this.ctx;
    const n = this.hiddenCount;
    this.hiddenText.textContent = n ? t(lang, 'hidden', n) : '';
    this.hiddenBtn.hidden = !n;
    this.hiddenBtn.textContent = t(lang, this.revealed ? 'hide' : 'show');
    this.hiddenBtn.setAttribute('aria-pressed', String(this.revealed));
    // Nothing to show: no open job and nothing hidden.
    this.host.hidden = !this.jobId && !n;
  }

  private render(): void {
    const d = this.detail, h = this.host, { lang } = this.ctx;
    h.dataset.jobId = this.jobId ?? '';
    h.dataset.score = d ? String(Math.round(d.score)) : '';
    h.dataset.matched = d ? d.matched_skills.join('|') : '';
    h.dataset.missingRequired = d ? d.missing_required.join('|') : '';
    h.dataset.missingNice = d ? d.missing_nice_to_have.join('|') : '';
    // The host-backed sections' state for tests and diagnosis, coarse on purpose: the page can read
    // these attributes, so no provider or model names.
    const a = this.analysis && this.analysis !== 'loading' ? this.analysis : null;
    h.dataset.similar = a?.similar ? a.similar.map((j) => j.job_id).join('|') : '';
    h.dataset.ai = !a?.llm ? '' : a.llm.pending ? 'pending' : a.llm.offline ? 'offline' : 'model';
    if (this.ctx.dark) h.dataset.theme = 'dark'; else delete h.dataset.theme;
    this.score.textContent = d ? String(Math.round(d.score)) : '–';
    this.score.style.background = d ? scoreColour(d.score, this.ctx.threshold) : '';
    this.score.setAttribute('aria-label', d ? t(lang, 'match', Math.round(d.score)) : t(lang, 'noscore'));
    this.renderHeader();

    const b = this.body, doc = this.doc;
    b.textContent = '';
    if (!this.jobId) return;
    if (this.noProfile) { b.append(el(doc, 'p', '', t(lang, 'setup'))); return; }
    if (!d) { b.append(el(doc, 'p', 'muted', this.error ?? t(lang, 'loading'))); return; }
    if (d.badge) b.append(el(doc, 'p', '', d.badge));
    this.list('matched', d.matched_skills);
    this.list('req', d.missing_required);
    this.list('nice', d.missing_nice_to_have);
    const fits = Object.entries(d.fit);
    if (fits.length) {
      const ul = this.section('fit', 'fit');
      for (const [name, f] of fits) {
        const li = el(doc, 'li', '', `${name}: ${f.fit === null ? '–' : `${Math.round(f.fit * 100)}%`} `);
        if (f.detail) li.append(el(doc, 'span', '', f.detail));
        ul.append(li);
      }
    }
    this.renderAnalysis();
  }

  private section(key: Key, cls = ''): HTMLUListElement {
    this.body.append(el(this.doc, 'h3', '', t(this.ctx.lang, key)));
    const ul = el(this.doc, 'ul', cls);
    this.body.append(ul);
    return ul;
  }

  private list(key: Key, items: string[]): void {
    const ul = this.section(key);
    if (!items.length) ul.append(el(this.doc, 'li', 'muted', t(this.ctx.lang, 'none')));
    for (const s of items) ul.append(el(this.doc, 'li', '', s));
  }

  // Similar jobs and AI analysis come from the native host: "Loading…" while it works, its
  // `unavailable` words when it cannot answer (not installed, no LLM provider configured).
  private renderAnalysis(): void {
    const a = this.analysis, doc = this.doc, lang = this.ctx.lang;
    const sim = this.section('similar');
    const ai = this.section('ai', 'ai');
    const loading = a === 'loading' || a === null || (a.pending && !a.similar && !a.llm);
    if (loading) {
      sim.append(el(doc, 'li', 'muted', t(lang, 'loading')));
      ai.append(el(doc, 'li', 'muted', t(lang, 'loading')));
      return;
    }
    if (a.similar?.length) {
      for (const j of a.similar.slice(0, 5)) {
        const li = el(doc, 'li');
        const link = el(doc, 'a', '', `${j.title} – ${j.company}${j.score === undefined ? '' : ` (${Math.round(j.score)})`}`);
        // Only our own URL shape with a numeric id: never a page- or host-supplied href.
        if (/^\d+$/.test(j.job_id)) link.href = `/jobs/view/${j.job_id}/`;
        li.append(link);
        sim.append(li);
      }
    } else sim.append(el(doc, 'li', 'muted', a.unavailable ?? (a.pending ? t(lang, 'loading') : t(lang, 'none'))));
    if (a.llm) {
      ai.append(el(doc, 'li', '', a.llm.summary));
      ai.append(el(doc, 'li', 'muted', a.llm.provider));
    } else ai.append(el(doc, 'li', 'muted', a.unavailable ?? (a.pending ? t(lang, 'loading') : t(lang, 'none'))));
  }
}
