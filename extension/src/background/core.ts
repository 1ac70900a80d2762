// The C++ core compiled to WebAssembly (build/wasm/joblens-core.*), loaded once per background life.
// Chromium will not compile WASM in a content script under LinkedIn's CSP, so it runs here and the
// content script sends what it read (DESIGN.md decision 9).
// Emscripten's ES module glue (no type declarations; allowJs types it loosely).
import createJobLensCore from '../../../build/wasm/joblens-core.mjs';
// The loader is plain JavaScript shared with node (wasm/loader.mjs).
import { JobLensCore } from '../../../wasm/loader.mjs';
import type { LayoutRules, Marker } from '../common/messages';

export interface CoreApi {
  init(): { skills: number };
  setProfile(profile: unknown): { version: string };
  scoreJobs(jobs: unknown[], nowMs?: number): Record<string, unknown>[];
  scoreCards(jobs: unknown[], nowMs?: number): Record<string, unknown>[];
  extractSkills(text: string): unknown;
  cacheStats(): Record<string, number>;
  rules(): RulesJson;
  detectLayout(url: string, signals: string[]): { layout: string; rule: number };
  pageCards(request: unknown, nowMs?: number): Record<string, unknown>[];
  pageDetail(request: unknown, nowMs?: number): Record<string, unknown>;
}

export interface RulesJson {
  version: string;
  markers: Marker[];
  layouts: Record<string, LayoutRules>;
}

export interface LoadedCore {
  api: CoreApi;
  rules: RulesJson;
  skills: number;
}

let loading: Promise<LoadedCore> | null = null;

// The module fetches joblens-core.wasm next to the bundle (import.meta.url), which the build copies.
export function loadCore(): Promise<LoadedCore> {
  loading ??= (async () => {
    const api = (await JobLensCore.create(createJobLensCore)) as CoreApi;
    const { skills } = api.init();
    return { api, rules: api.rules(), skills };
  })();
  return loading;
}
