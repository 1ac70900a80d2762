// The job cards on the page: which elements are cards, what each one reads, its badge and its filter
// state. Card identity is a WeakMap from LinkedIn's element to our key (we never write attributes
// into LinkedIn's elements). A card is read again only when it is new, when its content changed
// (a mutation inside it, or our badge was swept away with its old content), and it is re-sent only
// when what it reads changed; so a scroll or an unrelated mutation costs one querySelectorAll.
import { CARD_FIELDS, type CardResult, type DetailResult, type LayoutRules, type OverlaySettings, type RawCard } from '../common/messages';
import { Badge, isOverlay, type BadgeView, type ViewCtx } from './badge';
import { cappedText, CARD_TEXT_CAP, findElements, runFields } from './chain';
import { hideReason, type HideReason } from './filters';

export interface CardEnv {
  send(cards: RawCard[]): Promise<CardResult[]>;
  ctx(): ViewCtx & { settings: OverlaySettings; profile: boolean; revealed: boolean };
  onHiddenChanged(count: number): void;
}

interface CardState {
  key: string;
  el: Element;
  badge: Badge;
  raw?: RawCard['raw'];
  sig?: string;              // JSON of raw: unchanged raw is not re-sent
  result?: CardResult;
  error?: string;
  hidden: HideReason | null;
  saved?: { value: string; priority: string }; // the card's own inline display, restored on unhide
}

const BATCH = 100;
const PENDING_MS = 150;
const cardText = cappedText(CARD_TEXT_CAP);

// An occluded item (`<li data-occludable-job-id><!----></li>`) or one emptied on scroll: no element
// of LinkedIn's inside, or only whitespace. Our badge may be left behind in it, so it does not count.
export function isEmptyCard(el: Element): boolean {
  let own = false;
  for (let c = el.firstElementChild; c; c = c.nextElementSibling) if (!isOverlay(c)) { own = true; break; }
  return !own || !/\S/.test(el.textContent ?? '');
}

export class Cards {
  private byEl = new WeakMap<Element, CardState>();
  private byKey = new Map<string, CardState>();
  private full = new Map<string, DetailResult>(); // job id -> the open job's full score
  private counter = 0;
  selector: string | null = null; // the card step that matched, for mapping mutations to cards

  constructor(private readonly doc: Document, private readonly env: CardEnv) {}

  // dirty: cards whose content changed; 'all' re-reads every card (navigation, huge bursts).
  scan(rules: LayoutRules, dirty: Set<Element> | 'all'): void {
    const { els, selector } = findElements<Element>(this.doc as unknown as Element, rules.fields.card);
    this.selector = selector;
    const toSend: CardState[] = [];
    for (const el of els) {
      if (isEmptyCard(el)) continue; // scanned when it fills in (a mutation inside it, or a scroll)
      let st = this.byEl.get(el);
      if (!st) {
        st = { key: `c${++this.counter}`, el, badge: new Badge(this.doc), hidden: null };
        this.byEl.set(el, st);
        this.byKey.set(st.key, st);
      }
      const attached = st.badge.host.parentNode === el;
      if (!st.sig || !attached || dirty === 'all' || dirty.has(el)) {
        const raw = runFields(el, rules.fields, CARD_FIELDS, cardText);
        const sig = JSON.stringify(raw);
        if (sig !== st.sig) {
          st.raw = raw; st.sig = sig;
          toSend.push(st);
        }
      }
      // A card waiting for its first answer gets its badge with the answer (show), not now: adding 25
      // shadow roots here would add their style work to the page's own frame for the new cards.
      if (!attached && (st.result || st.error)) el.append(st.badge.host);
    }
    if (this.byKey.size > 500) this.prune();
    this.send(toSend);
  }

  // profile.changed, reconnects: every card again (only unscored ones when `onlyMissing`).
  resend(onlyMissing: boolean): void {
    if (!onlyMissing) this.full.clear();
    this.send([...this.byKey.values()].filter((s) => s.el.isConnected && s.raw && (!onlyMissing || !s.result)));
  }

  private send(list: CardState[]): void {
    const ctx = this.env.ctx();
    for (let i = 0; i < list.length; i += BATCH) {
      const batch = list.slice(i, i + BATCH);
      const sigs = new Map(batch.map((s) => [s.key, s.sig]));
      for (const s of batch) {
        s.result = undefined; s.error = undefined;
        if (s.badge.host.parentNode === s.el) s.badge.render(this.view(s, ctx.profile), ctx);
      }
      // Only a slow answer (the worker starting, say) shows the pending state.
      setTimeout(() => {
        for (const s of batch) if (!s.result && !s.error && s.sig === sigs.get(s.key) && s.el.isConnected) this.show(s);
      }, PENDING_MS);
      this.env.send(batch.map((s) => ({ key: s.key, raw: s.raw! }))).then(
        (results) => {
          for (const r of results) {
            const st = this.byKey.get(r.key);
            // A card that changed while we waited has a newer request in flight.
            if (!st || st.sig !== sigs.get(r.key)) continue;
            st.result = this.withFull(r);
            this.show(st);
          }
          this.countHidden();
        },
        (e: Error) => {
          for (const s of batch) if (s.sig === sigs.get(s.key)) { s.error = e.message; this.show(s); }
        },
      );
    }
  }

  private withFull(r: CardResult): CardResult {
    const d = r.job_id ? this.full.get(r.job_id) : undefined;
    return d && !r.full ? { ...r, score: d.score, badge: d.badge, reasons: d.reasons, full: true } : r;
  }

  // The open job was scored with its description: its card shows that score too.
  setFull(d: DetailResult): void {
    this.full.set(d.job_id, d);
    for (const st of this.byKey.values()) {
      if (st.result?.job_id === d.job_id) { st.result = this.withFull({ ...st.result, full: false }); this.show(st); }
    }
    this.countHidden();
  }

  byJob(jobId: string): CardResult | undefined {
    for (const st of this.byKey.values()) if (st.result?.job_id === jobId && st.el.isConnected) return st.result;
    return undefined;
  }

  private view(st: CardState, profile: boolean): BadgeView {
    const r = st.result;
    const jobId = r?.job_id;
    if (r && typeof r.score === 'number') return { state: 'scored', jobId, score: r.score, line: r.badge, reasons: r.reasons };
    if (!profile) return { state: 'no-profile', jobId };
    if (r || st.error) return { state: 'error', jobId, error: r?.error?.message ?? st.error };
    return { state: 'pending', jobId };
  }

  private show(st: CardState): void {
    const ctx = this.env.ctx();
    if (st.badge.host.parentNode !== st.el) st.el.append(st.badge.host);
    st.badge.render(this.view(st, ctx.profile), ctx);
    this.filter(st, ctx.settings, ctx.revealed);
  }

  // Settings, theme or language changed: re-render and re-filter every card.
  refresh(): void {
    for (const st of this.byKey.values()) this.show(st);
    this.countHidden();
  }

  private filter(st: CardState, s: OverlaySettings, revealed: boolean): void {
    const reason = st.result ? hideReason(st.result, s) : null;
    st.hidden = reason;
    st.badge.setHidden(reason, revealed);
    const style = (st.el as HTMLElement).style;
    if (!style) return;
    if (reason && !revealed) {
      if (!st.saved) st.saved = { value: style.getPropertyValue('display'), priority: style.getPropertyPriority('display') };
      style.setProperty('display', 'none', 'important');
    } else if (st.saved) {
      if (st.saved.value) style.setProperty('display', st.saved.value, st.saved.priority);
      else style.removeProperty('display');
      st.saved = undefined;
    }
  }

  private countHidden(): void {
    let n = 0;
    for (const st of this.byKey.values()) if (st.hidden && st.el.isConnected) n++;
    this.env.onHiddenChanged(n);
  }

  private prune(): void {
    for (const [k, st] of this.byKey) if (!st.el.isConnected) this.byKey.delete(k);
  }

  // Layout change, overlay disabled, or the extension went away: remove every badge and give back
  // every card's display exactly as it was.
  reset(): void {
    for (const st of this.byKey.values()) {
      st.result = undefined;
      this.filter(st, { ...this.env.ctx().settings, enabled: false }, false);
      st.badge.host.remove();
    }
    this.byKey.clear();
    this.byEl = new WeakMap();
    this.full.clear();
    this.env.onHiddenChanged(0);
  }
}
