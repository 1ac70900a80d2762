// The extension's own storage (chrome.storage.local): settings, the profile copy that lets badges work
// without the host, the write queue and recent selector health. docs/extension.md lists every key.
import { DEFAULT_SETTINGS, type OverlaySettings } from '../common/messages';

export const KEYS = {
  settings: 'joblens.settings',
  profile: 'joblens.profile',
  queue: 'joblens.queue',
  health: 'joblens.health',
} as const;

export async function load<T>(key: string, fallback: T): Promise<T> {
  const got = await chrome.storage.local.get(key);
  return (got[key] as T | undefined) ?? fallback;
}

export async function save(key: string, value: unknown): Promise<void> {
  await chrome.storage.local.set({ [key]: value });
}

// Settings as stored, completed with defaults for keys an older version did not have.
export async function loadSettings(): Promise<OverlaySettings> {
  return { ...DEFAULT_SETTINGS, ...(await load<Partial<OverlaySettings>>(KEYS.settings, {})) };
}

// Checks and normalises settings from the options page; throws a message for the first bad field.
export function checkSettings(input: unknown): OverlaySettings {
  if (!input || typeof input !== 'object') throw new Error('settings must be an object');
  const s = { ...DEFAULT_SETTINGS, ...(input as Partial<OverlaySettings>) };
  for (const k of ['enabled', 'hide_promoted', 'hide_applied', 'hide_below_threshold'] as const)
    if (typeof s[k] !== 'boolean') throw new Error(`settings.${k} must be true or false`);
  if (typeof s.threshold !== 'number' || !(s.threshold >= 0 && s.threshold <= 100))
    throw new Error('settings.threshold must be a number from 0 to 100');
  if (!Array.isArray(s.blocked_companies) || !s.blocked_companies.every((c) => typeof c === 'string'))
    throw new Error('settings.blocked_companies must be a list of names');
  s.blocked_companies = [...new Set(s.blocked_companies.map((c) => c.trim()).filter(Boolean))].slice(0, 500);
  return s;
}
