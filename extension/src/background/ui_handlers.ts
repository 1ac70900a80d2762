// Requests from the popup and the options page (runtime.sendMessage), one handler per type.
import type { OverlaySettings } from '../common/messages';
import type { Background } from './context';
import { codedError } from './errors';
import { checkSettings, KEYS, save } from './storage';

type Handler = (bg: Background, message: never) => unknown | Promise<unknown>;

// Which browser this is, for the install command (joblens-host install --browser …; docs/installer.md).
function browserName(): string {
  if (chrome.runtime.getManifest().browser_specific_settings) return 'firefox';
  const brands = (navigator as Navigator & { userAgentData?: { brands: { brand: string }[] } }).userAgentData?.brands ?? [];
  const has = (b: string) => brands.some((x) => x.brand.includes(b));
  if (has('Edge')) return 'edge';
  if (has('Brave')) return 'brave';
  if (has('Google Chrome')) return 'chrome';
  return 'chromium';
}

// The host's own status (AI spend, queue, providers) when it serves one; never an error here.
async function hostStatus(bg: Background): Promise<{ spend?: unknown; tasks?: unknown } | null> {
  if (!bg.hostStatus().connected || !bg.host.capabilities().includes('status')) return null;
  return bg.host.request<{ spend?: unknown; queue?: unknown }>('status').then((r) => ({ spend: r.spend, tasks: r.queue }), () => null);
}

async function status(bg: Background) {
  const skills = Array.isArray(bg.profile?.skills) ? (bg.profile!.skills as unknown[]).length : 0;
  const host = await hostStatus(bg);
  return {
    ...(host?.spend ? { spend: host.spend } : {}),
    ...(host?.tasks ? { tasks: host.tasks } : {}),
    host: bg.hostStatus(),
    install: {
      command: `scripts/setup && build/bin/joblens-host install --browser ${browserName()}`,
      docs: 'README.md "Add JobLens to your browser" and docs/installer.md in the JobLens sources',
    },
    queue: { dropped: bg.host.queue.dropped, last_error: bg.host.queue.lastError },
    profile: { present: bg.profile !== null, name: bg.profile?.name as string | undefined, version: bg.profileVersion, skills },
    core: { skills: bg.core.skills, rules_version: bg.core.rules.version },
  };
}

async function putProfile(bg: Background, m: { profile: Record<string, unknown> }) {
  await bg.saveProfile(m.profile, true);
  return { profile: bg.profile, version: bg.profileVersion };
}

function resumeImport(bg: Background, m: { filename: string; data_base64: string }) {
  return bg.host.request('resume.import', { filename: m.filename, content_base64: m.data_base64 });
}

// Settings live in extension storage (badges work without the host) and are mirrored to the host.
async function putSettings(bg: Background, m: { settings: unknown }) {
  let settings: OverlaySettings;
  try {
    settings = checkSettings(m.settings);
  } catch (e) {
    throw codedError('invalid_value', e instanceof Error ? e.message : String(e));
  }
  bg.settings = settings;
  await save(KEYS.settings, settings);
  bg.push({ type: 'settings.changed', settings });
  const mirrored = Object.fromEntries(Object.entries(settings).map(([k, v]) => [`overlay.${k}`, v]));
  await bg.host.write('settings.put', { settings: mirrored });
  return { settings };
}

interface Provider { id: string; kind: string; base_url?: string; model: string; api_key?: string; has_key?: boolean }

// LLM providers and the budget live only in the host (llm.json, mode 0600). The host never sends a
// key back, only has_key; a provider sent without api_key keeps the key stored under its id.
async function getLlm(bg: Background) {
  const got = await bg.host.request<{ settings: Record<string, unknown> }>('settings.get', { keys: ['llm.providers', 'llm.budget'] });
  const providers = (got.settings['llm.providers'] as Provider[] | undefined) ?? [];
  const budget = (got.settings['llm.budget'] as { monthly_usd?: number } | undefined) ?? {};
  const spent = await bg.host.request<{ spend?: { month_usd?: number } }>('status').catch(() => null);
  return {
    providers: providers.map(({ api_key: _unused, ...p }) => ({ ...p, has_key: p.has_key === true })),
    budget: { monthly_usd: budget.monthly_usd ?? null, spent_usd: spent?.spend?.month_usd ?? 0 },
  };
}

async function putLlm(bg: Background, m: { llm: { providers?: Provider[]; budget?: { monthly_usd?: number | null } } }) {
  const providers = (m.llm.providers ?? []).map((p) => {
    if (typeof p.id !== 'string' || typeof p.kind !== 'string' || typeof p.model !== 'string')
      throw codedError('invalid_value', 'each provider needs an id, a kind and a model');
    const { has_key: _unused, ...rest } = p;
    return rest;
  });
  await bg.host.request('settings.put', { settings: { 'llm.providers': providers, 'llm.budget': m.llm.budget ?? null } });
  return getLlm(bg);
}

async function health(bg: Background) {
  let host: unknown = null;
  if (bg.hostStatus().connected) host = await bg.host.request('selectors.health').catch(() => null);
  return { pages: await bg.health.all(), host };
}

export const UI_HANDLERS: Record<string, Handler> = {
  'ui.status': status as Handler,
  'ui.profile.get': ((bg: Background) => ({ profile: bg.profile, version: bg.profileVersion })) as Handler,
  'ui.profile.put': putProfile as Handler,
  'ui.resume.import': resumeImport as Handler,
  'ui.settings.get': ((bg: Background) => ({ settings: bg.settings })) as Handler,
  'ui.settings.put': putSettings as Handler,
  'ui.llm.get': getLlm as Handler,
  'ui.llm.put': putLlm as Handler,
  'ui.health': health as Handler,
};
