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

export class Badge {
  readonly host: HTMLElement;
  private readonly pill: HTMLElement;
  private readonly tip: HTMLElement;
  private view: BadgeView = { state: 'pending' };

  constructor(private readonly doc: Document) {
    this.host = doc.createElement('joblens-badge');
    this.host.tabIndex = 0; // the tooltip opens on keyboard focus as on hover
    this.host.setAttribute('role', 'img');
    const root = this.host.attachShadow({ mode: 'closed' });
    adoptBadge(root);
    this.pill = el(doc, 'span', 'b');
    this.tip = el(doc, 'div', 't');
    this.tip.setAttribute('aria-hidden', 'true'); // the host's aria-label carries the same words
    root.append(this.pill, this.tip);
  }

  render(v: BadgeView, ctx: ViewCtx): void {
    this.view = v;
    const h = this.host;
    h.dataset.jobId = v.jobId ?? '';
    h.dataset.state = v.state;
    h.dataset.score = v.state === 'scored' && v.score !== undefined ? String(Math.round(v.score)) : '';
    this.theme(ctx.dark);
    const d = this.doc;
    this.tip.textContent = '';
    let label: string;
    if (v.state === 'scored' && v.score !== undefined) {
      const s = Math.round(v.score);
      this.pill.textContent = String(s);
      this.pill.style.background = scoreColour(s, ctx.threshold);
      label = `${t(ctx.lang, 'match', s)}${v.line ? `: ${v.line}` : ''}`;
      if (v.line) this.tip.append(el(d, 'p', '', v.line));
      if (v.reasons?.length) {
        this.tip.append(el(d, 'strong', '', t(ctx.lang, 'why')));
        const ul = el(d, 'ul');
        for (const r of v.reasons.slice(0, 5)) ul.append(el(d, 'li', '', r));
        this.tip.append(ul);
      }
    } else {
      this.pill.textContent = '–';
      this.pill.style.background = '';
      const head = v.state === 'no-profile' ? t(ctx.lang, 'setup') : v.state === 'pending' ? t(ctx.lang, 'scoring') : t(ctx.lang, 'noscore');
      this.tip.append(el(d, 'strong', '', head));
      if (v.state === 'error' && v.error) this.tip.append(el(d, 'p', '', v.error));
      label = `JobLens: ${head}${v.state === 'error' && v.error ? `: ${v.error}` : ''}`;
    }
    h.setAttribute('aria-label', label);
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
