// The background: service worker in Chromium, event page (background script) in Firefox. Listeners
// are registered synchronously at the top level, as MV3 requires for a worker woken by an event.
import { PAGE_PORT, type OverlaySettings, type PageReply } from '../common/messages';
import { Background } from './context';
import { toCodedError } from './errors';
import { PAGE_HANDLERS } from './page_handlers';
import { UI_HANDLERS } from './ui_handlers';
import { checkPageSender, checkShape, checkUiSender } from './validate';

const bg = new Background();

chrome.runtime.onConnect.addListener((port) => {
  if (port.name !== PAGE_PORT) return port.disconnect();
  let tabId: number;
  try {
    tabId = checkPageSender(port.sender);
  } catch {
    return port.disconnect();  // not our content script on an allowed page: no conversation at all
  }
  const set = bg.ports.get(tabId) ?? new Set();
  set.add(port);
  bg.ports.set(tabId, set);
  port.onDisconnect.addListener(() => {
    set.delete(port);
    if (set.size === 0) bg.ports.delete(tabId);
  });
  port.onMessage.addListener(async (message: unknown) => {
    const id = typeof (message as { id?: unknown })?.id === 'number' ? (message as { id: number }).id : 0;
    let reply: PageReply;
    try {
      const m = checkShape<{ type: string }>(message, 'page.');
      await bg.ready;
      reply = { id, ok: true, result: await PAGE_HANDLERS[m.type](bg, tabId, m as never) };
    } catch (e) {
      reply = { id, ok: false, error: toCodedError(e) };
    }
    try { port.postMessage(reply); } catch { /* the page went away */ }
  });
});

chrome.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
  (async () => {
    checkUiSender(sender);
    const m = checkShape<{ type: string }>(message, 'ui.');
    await bg.ready;
    return UI_HANDLERS[m.type](bg, m as never);
  })().then(
    (result) => sendResponse({ ok: true, result }),
    (e) => sendResponse({ ok: false, error: toCodedError(e) }));
  return true;  // the reply is asynchronous
});

// First install: no profile yet, so the badges could only say "set up your profile"; open the page
// where that happens. (Not in the test build: tests set the profile themselves.)
chrome.runtime.onInstalled.addListener(({ reason }) => {
  if (reason !== 'install' || __JOBLENS_TEST__) return;
  void bg.ready.then(() => { if (!bg.profile) void chrome.runtime.openOptionsPage(); });
});

// For the browser tests, the probe tool and the benchmark (tests/extension/, scripts/probe-page). Only
// code running inside the extension's own worker can reach it; pages and content scripts cannot.
const tabOf = (tabId?: number) => bg.tabs.get(tabId ?? bg.lastTab ?? -1);
(globalThis as unknown as { joblens: unknown }).joblens = {
  ready: bg.ready,
  setProfile: (profile: Record<string, unknown>) => bg.ready.then(() => bg.saveProfile(profile, true)),
  setSettings: (partial: Partial<OverlaySettings>) =>
    bg.ready.then(() => UI_HANDLERS['ui.settings.put'](bg, { settings: { ...bg.settings, ...partial } } as never)),
  hostStatus: () => bg.hostStatus(),
  reconnectHost: () => bg.host.reconnect(),
  lastLayout: (tabId?: number) => tabOf(tabId)?.layout ?? null,
  lastCards: (tabId?: number) => [...(tabOf(tabId)?.cards.values() ?? [])],
  lastDetail: (tabId?: number) => tabOf(tabId)?.detail ?? null,
  lastInputs: (tabId?: number) => {
    const t = tabOf(tabId);
    return {
      cards: [...(t?.inputs.entries() ?? [])].map(([job_id, job]) => ({ job_id, job })),
      detail: t?.detailInput ? { job: t.detailInput } : null,
    };
  },
  // The core's own score for jobs: postings (with a description) and cards alike.
  coreScore: (jobs: Record<string, unknown>[]) =>
    jobs.map((j) => (typeof j.description === 'string' && j.description ? bg.core.api.scoreJobs([j]) : bg.core.api.scoreCards([j]))[0]),
  timings: bg.timings,
  hostRoundtrip: async () => {
    const t0 = performance.now();
    await bg.host.request('hello');
    return performance.now() - t0;
  },
};
