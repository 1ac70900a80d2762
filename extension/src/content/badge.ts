// The match badge on one card: our own <joblens-badge> host (light DOM attributes are ours, for tests
// and for our filters) with a closed shadow root holding the pill and its tooltip. Page data is only
// ever set through textContent.
import { scoreColour } from './colour';
import type { HideReason } from './filters';
import { t } from './i18n';
import { adoptBadge } from './style';

export type BadgeState = 'scored' | 'error' | 'no-profile' | 'pending';
export interface BadgeView {
  state: BadgeState;
  jobId?: string;
  score?: number;
  line?: string;
  reasons?: string[];
  error?: string;
}
export interface ViewCtx { lang: string; threshold: number; dark: boolean }

export const isOverlay = (n: Node): boolean => n.nodeName.toUpperCase().startsWith('JOBLENS-');

export function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = doc.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

// Cheap to create and to render, because 25 of them arrive at once while the page is drawing its new
// cards: the shadow root is made at the first render, and the tooltip's content only when it is
// about to be seen (hover or keyboard focus). The host's aria-label always carries the same words.
export class Badge {
  readonly host: HTMLElement;
  private pill: HTMLElement | null = null;
  private tip: HTMLElement | null = null;
  private tipFor: BadgeView | null = null; // the view the tooltip was last filled for
  private view: BadgeView = { state: 'pending' };
  private ctx: ViewCtx | null = null;

  constructor(private readonly doc: Document) {
    this.host = doc.createElement('joblens-badge');
    this.host.tabIndex = 0; // the tooltip opens on keyboard focus as on hover
    this.host.setAttribute('role', 'img');
  }

  private ensureRoot(): { pill: HTMLElement; tip: HTMLElement } {
    if (this.pill && this.tip) return { pill: this.pill, tip: this.tip };
    const root = this.host.attachShadow({ mode: 'closed' });
    adoptBadge(root);
    this.pill = el(this.doc, 'span', 'b');
    this.tip = el(this.doc, 'div', 't');
    this.tip.setAttribute('aria-hidden', 'true');
    root.append(this.pill, this.tip);
    const fill = () => this.fillTip();
    this.host.addEventListener('mouseenter', fill);
    this.host.addEventListener('focus', fill);
    return { pill: this.pill, tip: this.tip };
  }

  render(v: BadgeView, ctx: ViewCtx): void {
    this.view = v;
    this.ctx = ctx;
    const { pill } = this.ensureRoot();
    const h = this.host;
    h.dataset.jobId = v.jobId ?? '';
    h.dataset.state = v.state;
    h.dataset.score = v.state === 'scored' && v.score !== undefined ? String(Math.round(v.score)) : '';
    this.theme(ctx.dark);
    let label: string;
    if (v.state === 'scored' && v.score !== undefined) {
      const s = Math.round(v.score);
      pill.textContent = String(s);
      pill.style.background = scoreColour(s, ctx.threshold);
      label = `${t(ctx.lang, 'match', s)}${v.line ? `: ${v.line}` : ''}`;
    } else {
      pill.textContent = '–';
      pill.style.background = '';
      const head = this.head(v, ctx);
      label = `JobLens: ${head}${v.state === 'error' && v.error ? `: ${v.error}` : ''}`;
    }
    h.setAttribute('aria-label', label);
    this.tipFor = null;
    if (h.matches(':hover, :focus')) this.fillTip(); // already open: keep it current
  }

  private head(v: BadgeView, ctx: ViewCtx): string {
    return v.state === 'no-profile' ? t(ctx.lang, 'setup') : v.state === 'pending' ? t(ctx.lang, 'scoring') : t(ctx.lang, 'noscore');
  }

  private fillTip(): void {
    const { tip } = this.ensureRoot();
    const v = this.view;
    const ctx = this.ctx;
    if (!ctx || this.tipFor === v) return;
    this.tipFor = v;
    const d = this.doc;
    tip.textContent = '';
    if (v.state === 'scored' && v.score !== undefined) {
      if (v.line) tip.append(el(d, 'p', '', v.line));
      if (v.reasons?.length) {
        tip.append(el(d, 'strong', '', t(ctx.lang, 'why')));
        const ul = el(d, 'ul');
        for (const r of v.reasons.slice(0, 5)) ul.append(el(d, 'li', '', r));
        tip.append(ul);
      }
    } else {
      tip.append(el(d, 'strong', '', this.head(v, ctx)));
      if (v.state === 'error' && v.error) tip.append(el(d, 'p', '', v.error));
    }
  }

  // Re-colour after a threshold or theme change without rebuilding the tooltip.
  refresh(ctx: ViewCtx): void { this.render(this.view, ctx); }

  theme(dark: boolean): void {
    if (dark) this.host.dataset.theme = 'dark'; else delete this.host.dataset.theme;
  }

  // data-hidden says why the card is hidden (even while "show hidden" reveals it).
  setHidden(reason: HideReason | null, revealed: boolean): void {
    if (reason) this.host.dataset.hidden = reason; else delete this.host.dataset.hidden;
    this.host.toggleAttribute('data-hidden-shown', !!reason && revealed);
  }
}
