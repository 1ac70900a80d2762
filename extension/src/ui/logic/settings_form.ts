// The "Matching & filters" form <-> OverlaySettings. Blocked companies are typed one per line; the
// overlay compares them case-insensitively and exactly, so repeats that differ only in case are
// dropped here to keep the stored list honest.
import type { OverlaySettings } from '../../common/messages';
import { splitLines, type FieldError } from './profile_form';

export interface SettingsForm {
  enabled: boolean;
  threshold: string;
  hide_promoted: boolean;
  hide_applied: boolean;
  hide_below_threshold: boolean;
  blocked_companies: string;   // one per line
}

export function parseBlockedCompanies(text: string): string[] {
  // Collapse inner runs of spaces too: "Acme  Corp" pasted from a page is the same company.
  return splitLines(text.split(/\r?\n/).map((l) => l.replace(/\s+/g, ' ')).join('\n'));
}

export function formatBlockedCompanies(list: readonly string[]): string {
  return list.join('\n');
}

export function parseThreshold(text: string): { value?: number; error?: string } {
  const t = text.trim();
  if (!/^\d{1,3}$/.test(t) || Number(t) > 100) return { error: 'Enter a whole number from 0 to 100.' };
  return { value: Number(t) };
}

export function settingsToForm(s: OverlaySettings): SettingsForm {
  return {
    enabled: s.enabled, threshold: String(s.threshold), hide_promoted: s.hide_promoted,
    hide_applied: s.hide_applied, hide_below_threshold: s.hide_below_threshold,
    blocked_companies: formatBlockedCompanies(s.blocked_companies),
  };
}

export function formToSettings(form: SettingsForm): { settings?: OverlaySettings; errors: FieldError[] } {
  const t = parseThreshold(form.threshold);
  if (t.error || t.value === undefined) return { errors: [{ field: 'threshold', message: t.error ?? '' }] };
  return {
    settings: {
      enabled: form.enabled, threshold: t.value, hide_promoted: form.hide_promoted,
      hide_applied: form.hide_applied, hide_below_threshold: form.hide_below_threshold,
      blocked_companies: parseBlockedCompanies(form.blocked_companies),
    },
    errors: [],
  };
}
