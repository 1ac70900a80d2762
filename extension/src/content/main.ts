// Content script entry: wires the port, the page observer and the overlay. Order of events:
// hello (markers, settings) -> test markers -> layout (chains) -> scan cards / read the open job ->
// badges and panel. A MutationObserver, SPA navigation and scroll all funnel into one throttled flush.
import {
  DEFAULT_SETTINGS, PAGE_PORT, type AnalysisReply, type CardsReply, type DetailReply, type HelloReply,
  type LayoutReply, type LayoutRules, type Marker, type OverlaySettings, type PagePush,
} from '../common/messages';
import { isOverlay } from './badge';
import { Cards } from './cards';
import { Detail } from './detail';
import { pickLang } from './i18n';
import { Panel } from './panel';
import { installBenchHook } from './bench_hook';
import { Channel, type PortLike } from './port';
import { isDark } from './style';
import { Throttle } from './throttle';

const FLUSH_MS = 50;          // at most one scan per 50 ms while mutations keep coming
const DETAIL_MS = 250;        // the description is the expensive read: at most 4 per second
const LAYOUT_MS = 500;        // "unknown" layout: retry after mutations, at most every 500 ms
const LAYOUT_TRIES = 120;     // per URL: a page that never becomes a jobs page stops costing us
const RECORD_CAP = 2000;      // past this many records in one flush, a full rescan is cheaper

const doc = document;
const html = doc.documentElement;
const dark = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;

let settings: OverlaySettings = DEFAULT_SETTINGS;
let profile = true;
let markers: Marker[] | null = null;
let layout = '';
let rules: LayoutRules | null = null;
let layoutBusy = false;
let layoutTries = 0;
let href = location.href;
let revealed = false;
let look = { lang: pickLang(html.lang), dark: isDark(html.classList, !!dark?.matches) };
let records: MutationRecord[] = [];
let overflow = false;
let fullNext = true;
let helloDelay = 1000;

const ctx = () => ({ ...look, threshold: settings.threshold, settings, profile, revealed });

const channel = new Channel(
  () => {
    const port = chrome.runtime.connect({ name: PAGE_PORT });
    port.onDisconnect.addListener(() => void chrome.runtime.lastError); // read it: no console noise
    return port as unknown as PortLike;
  },
  { onPush, onReconnect: () => void hello(true), onDead: teardown },
);

const panel = new Panel(doc, (r) => { revealed = r; cards.refresh(); });
const cards = new Cards(doc, {
  send: (list) => channel.request<CardsReply>({ type: 'page.cards', url: location.href, layout, cards: list }).then((r) => {
    detailThrottle.poke(); // the open job's card may be among them (detail.ts)
    return r.cards;
  }),
  ctx,
  onHiddenChanged: (n) => panel.setHidden(n),
});
const detail = new Detail(doc, panel, {
  // document.title ("Title | Company | LinkedIn") fills title/company on standalone E4 pages with no card.
  detail: (job_id, raw, card) => channel.request<DetailReply>({
    type: 'page.detail', url: location.href, layout, job_id, raw, card, document_title: doc.title.slice(0, 1000),
  }),
  analysis: (job_id) => channel.request<AnalysisReply>({ type: 'page.analysis', job_id }),
  onScored: (d) => cards.setFull(d),
  card: (id) => cards.byJob(id),
});

const flushThrottle = new Throttle(flush, FLUSH_MS);
const detailThrottle = new Throttle(() => { if (rules && settings.enabled) detail.check(rules, location.href); }, DETAIL_MS);
const layoutThrottle = new Throttle(() => void detectLayout(), LAYOUT_MS);

const observer = new MutationObserver((all) => {
  // Our own badges going in or out are no news: they must not wake the scan, or the trailing run
  // they cause would hold back the next real burst of cards by up to FLUSH_MS.
  const recs = all.filter((r) => !ours(r));
  if (!recs.length) return;
  if (overflow || records.length + recs.length > RECORD_CAP) { overflow = true; records = []; }
  else records.push(...recs);
  flushThrottle.pokeNow();
});
const poke = () => flushThrottle.poke();

async function hello(again = false): Promise<void> {
  let h: HelloReply;
  try {
    h = await channel.request<HelloReply>({ type: 'page.hello', url: location.href });
  } catch {
    if (!channel.dead) setTimeout(() => void hello(again), helloDelay);
    helloDelay = Math.min(helloDelay * 2, 30000);
    return;
  }
  helloDelay = 1000;
  markers = h.markers;
  profile = h.profile;
  applySettings(h.settings);
  panel.setNoProfile(!profile);
  if (again && rules) cards.resend(true); // a restarted worker: score what never got an answer
  layoutTries = 0;
  layoutThrottle.poke();
}

async function detectLayout(): Promise<void> {
  if (!markers || layoutBusy || channel.dead || layoutTries >= LAYOUT_TRIES) return;
  layoutBusy = true;
  layoutTries++;
  const signals = markers.filter((m) => { try { return doc.querySelector(m.selector) !== null; } catch { return false; } }).map((m) => m.id);
  let r: LayoutReply | null = null;
  try { r = await channel.request<LayoutReply>({ type: 'page.layout', url: location.href, signals }); } catch { /* next mutation */ }
  layoutBusy = false;
  if (!r) return;
  if (r.layout === 'unknown' || !r.rules) {
    if (rules) { cards.reset(); rules = null; layout = ''; } // navigated somewhere we cannot read
    return;
  }
  if (layout && r.layout !== layout) cards.reset();
  layout = r.layout;
  rules = r.rules;
  fullNext = true;
  flushThrottle.poke();
}

function flush(): void {
  const recs = records.concat(observer.takeRecords());
  records = [];
  let full = fullNext || overflow;
  overflow = false;
  fullNext = false;
  if (location.href !== href) { // SPA navigation: layout may change, the open job did
    href = location.href;
    full = true;
    layoutTries = 0;
    layoutThrottle.poke();
  }
  if (!settings.enabled || !markers) return;
  if (!rules) { layoutThrottle.poke(); return; }
  if (!panel.host.isConnected) (doc.body ?? html).append(panel.host);

  const dirty = new Set<Element>();
  const pane = detail.pane;
  let paneDirty = full || !pane || !pane.isConnected;
  if (!full) {
    for (const r of recs) {
      if (r.type !== 'childList' || ours(r)) continue;
      const t = r.target.nodeType === 1 ? (r.target as Element) : r.target.parentElement;
      if (!t) continue;
      if (pane && !paneDirty && pane.contains(t)) paneDirty = true;
      if (cards.selector) { const c = closest(t, cards.selector); if (c) dirty.add(c); }
    }
  }
  cards.scan(rules, full ? 'all' : dirty);
  if (paneDirty || detail.pane === null) detailThrottle.poke();
}

// A record only about our own hosts (a badge appended or swept away) is no news about the page.
function ours(r: MutationRecord): boolean {
  const n = r.addedNodes.length + r.removedNodes.length;
  if (!n) return false;
  for (const x of r.addedNodes) if (!isOverlay(x)) return false;
  for (const x of r.removedNodes) if (!isOverlay(x)) return false;
  return true;
}

function closest(el: Element, sel: string): Element | null {
  try { return el.closest(sel); } catch { return null; }
}

function applySettings(s: OverlaySettings): void {
  const was = settings.enabled;
  settings = s;
  if (!s.enabled) { hideOverlay(); return; }
  panel.setCtx(ctx());
  if (!was) { fullNext = true; flushThrottle.poke(); } else cards.refresh();
}

// Theme class or <html lang> changed (attribute records), or the OS scheme did.
function checkLook(): void {
  const next = { lang: pickLang(html.lang), dark: isDark(html.classList, !!dark?.matches) };
  if (next.lang === look.lang && next.dark === look.dark) return;
  look = next;
  panel.setCtx(ctx());
  cards.refresh();
}

async function onPush(p: PagePush): Promise<void> {
  if (p.type === 'settings.changed') applySettings(p.settings);
  else if (p.type === 'host.changed') detail.refreshAnalysis();
  else if (p.type === 'profile.changed') {
    // The push carries no payload; ask whether a profile exists now, then score everything again.
    try { profile = (await channel.request<HelloReply>({ type: 'page.hello', url: location.href })).profile; } catch { profile = true; }
    panel.setNoProfile(!profile);
    cards.resend(false);
    detail.invalidate();
    detailThrottle.poke();
  }
}

function hideOverlay(): void {
  cards.reset();
  panel.host.remove();
}

function teardown(): void {
  observer.disconnect();
  themeObserver.disconnect();
  flushThrottle.cancel(); detailThrottle.cancel(); layoutThrottle.cancel();
  removeEventListener('scroll', poke, true);
  removeEventListener('popstate', poke);
  nav?.removeEventListener('navigate', poke);
  nav?.removeEventListener('currententrychange', poke);
  dark?.removeEventListener?.('change', checkLook);
  hideOverlay();
}

const themeObserver = new MutationObserver(checkLook);
observer.observe(doc, { childList: true, subtree: true });
themeObserver.observe(html, { attributes: true, attributeFilter: ['class', 'lang'] });
dark?.addEventListener?.('change', checkLook);
// LinkedIn's list scrolls inside its own pane and scroll events do not bubble: listen in capture.
addEventListener('scroll', poke, { passive: true, capture: true });
addEventListener('popstate', poke);
const nav = (globalThis as { navigation?: EventTarget }).navigation;
nav?.addEventListener('navigate', poke);
nav?.addEventListener('currententrychange', poke);
if (__JOBLENS_TEST__) installBenchHook(channel);
void hello();
