// What the background's handlers share: the core, the host bridge, settings, the profile, and what
// each tab last showed (for the popup, the probe tool and tests).
import type { CardResult, DetailResult, HostStatus, OverlaySettings, PagePush } from '../common/messages';
import { loadCore, type LoadedCore } from './core';
import { HealthLog } from './health';
import { HostBridge } from './host_bridge';
import { Recorder } from './recorder';
import { KEYS, load, loadSettings, save } from './storage';

export interface TabState {
  url: string;
  layout: string;
  cards: Map<string, CardResult>;              // by card key
  inputs: Map<string, Record<string, unknown>>; // job id -> the job JSON scored for its badge
  detail: DetailResult | null;
  detailInput: Record<string, unknown> | null;
}

const WARM_UP_ROUNDS = 30;

export interface Timing { kind: 'cards' | 'detail'; n: number; ms: number }

export class Background {
  readonly host: HostBridge;
  readonly health = new HealthLog();
  readonly recorder = new Recorder(this);
  readonly ports = new Map<number, Set<chrome.runtime.Port>>();
  readonly tabs = new Map<number, TabState>();
  readonly timings: Timing[] = [];
  settings!: OverlaySettings;
  profile: Record<string, unknown> | null = null;
  profileVersion: string | undefined;
  lastTab: number | undefined;
  private coreLoaded: LoadedCore | null = null;
  readonly ready: Promise<void>;

  constructor() {
    this.host = new HostBridge((status) => this.hostChanged(status), () => void this.adoptHostProfile());
    this.ready = this.start();
  }

  get core(): LoadedCore {
    if (!this.coreLoaded) throw new Error('the core is still loading');
    return this.coreLoaded;
  }

  private async start(): Promise<void> {
    const [core, settings, profile] = await Promise.all([
      loadCore(), loadSettings(), load<Record<string, unknown> | null>(KEYS.profile, null)]);
    this.coreLoaded = core;
    this.settings = settings;
    if (profile) this.applyProfile(profile);
    this.host.connect();
    setTimeout(() => this.warmUp(0), 0);
  }

  // V8 compiles WebAssembly in two tiers: a quick baseline first, optimised code for functions once
  // they have run enough. A few synthetic batches right after start, one per task so a real request
  // never waits long, bring the page-reading path to the optimised tier before the person's first
  // burst of cards needs it. Synthetic cards carry no job id: nothing is scored or cached.
  private warmUp(round: number): void {
    if (round >= WARM_UP_ROUNDS) return;
    const raw = { title: [['Senior Data Engineer']], company: [['Acme · Berlin, Germany (Hybrid)']],
      location: [['Berlin, Germany (Hybrid)']], workplace: [['Berlin, Germany (Hybrid)']],
      salary: [['€85,000/yr - €100,000/yr', '3 connections']], promoted: [['Promoted', 'Easy Apply']], applied: [[]], easy_apply: [['true']] };
    const cards = Array.from({ length: 25 }, (_, i) => ({ key: `w${i}`, raw }));
    try { this.core.api.pageCards({ layout: 'e3', cards }, Date.now()); } catch { return; }
    setTimeout(() => this.warmUp(round + 1), 0);
  }

  tab(tabId: number, url: string): TabState {
    let t = this.tabs.get(tabId);
    if (!t || t.url !== url) {
      const kept = t && t.url.split('?')[0] === url.split('?')[0];  // same search, new currentJobId
      t = {
        url, layout: t?.layout ?? 'unknown',
        cards: kept ? t!.cards : new Map(), inputs: kept ? t!.inputs : new Map(),
        detail: null, detailInput: null,
      };
      this.tabs.set(tabId, t);
    }
    this.lastTab = tabId;
    return t;
  }

  // Loads the profile into the core; throws the core's coded error when the profile is malformed.
  applyProfile(profile: Record<string, unknown>): void {
    const { version } = this.core.api.setProfile(profile);
    this.profile = profile;
    this.profileVersion = version;
  }

  async saveProfile(profile: Record<string, unknown>, toHost: boolean): Promise<void> {
    this.applyProfile(profile);
    await save(KEYS.profile, profile);
    if (toHost) await this.host.write('profile.put', { profile });
    this.push({ type: 'profile.changed' });
  }

  // When the host comes up and this browser has no profile yet, take the host's (set up from
  // another browser or the command line).
  private async adoptHostProfile(): Promise<void> {
    if (this.profile) return;
    try {
      const got = await this.host.request<{ profile: Record<string, unknown> | null }>('profile.get');
      if (got.profile) await this.saveProfile(got.profile, false);
    } catch {
      // a host without a profile, or gone again: nothing to adopt
    }
  }

  hostStatus(): HostStatus { return this.host.status(); }

  // Pages hear about the host only when what they show changes (connected, version, why not): the
  // queue size changes with every write and would make every open panel ask for its analysis again.
  private lastHost = '';
  private hostChanged(status: HostStatus): void {
    const key = JSON.stringify([status.connected, status.version, status.error]);
    if (key === this.lastHost) return;
    this.lastHost = key;
    this.push({ type: 'host.changed', host: status });
  }

  push(message: PagePush): void {
    for (const set of this.ports.values()) for (const port of set) {
      try { port.postMessage(message); } catch { /* the tab is gone; onDisconnect cleans up */ }
    }
  }
}
