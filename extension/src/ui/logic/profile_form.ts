// Profile JSON (docs/schema.md#profile) <-> the options page's editor, and the editor's validation.
// The form holds raw strings exactly as typed so that a bad value can be shown next to its input
// instead of being silently coerced. Fields the editor does not show (work_authorization,
// seniority, a skill's level, anything newer) are carried through untouched, so saving from this
// page never drops data another tool wrote.

export type RemotePref = 'remote_only' | 'remote_or_hybrid' | 'any';
export const REMOTE_CHOICES: readonly { value: RemotePref; label: string }[] = [
  { value: 'any', label: 'Any workplace' },
  { value: 'remote_or_hybrid', label: 'Remote or hybrid' },
  { value: 'remote_only', label: 'Remote only' },
];
export const SALARY_PERIODS = ['year', 'month', 'week', 'day', 'hour'] as const;
export const MAX_YEARS = 60;

export interface SkillRow { name: string; years: string; extra: Record<string, unknown> }
export interface ProfileForm {
  name: string;
  headline: string;
  titles: string;            // one per line
  years_experience: string;
  skills: SkillRow[];
  locations: string;         // one per line
  remote: RemotePref;
  salary_amount: string;
  salary_currency: string;
  salary_period: string;
  languages: string;         // one per line
}
// `field` names the input: a form key, or `skills.N.name` / `skills.N.years` for row N.
export interface FieldError { field: string; message: string }

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const strList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const numText = (v: unknown): string => (typeof v === 'number' && Number.isFinite(v) ? String(v) : '');

export function emptyForm(): ProfileForm {
  return {
    name: '', headline: '', titles: '', years_experience: '', skills: [], locations: '', remote: 'any',
    salary_amount: '', salary_currency: '', salary_period: 'year', languages: '',
  };
}

export function profileToForm(profile: unknown): ProfileForm {
  const form = emptyForm();
  if (!isObj(profile)) return form;
  form.name = typeof profile.name === 'string' ? profile.name : '';
  form.headline = typeof profile.headline === 'string' ? profile.headline : '';
  form.titles = strList(profile.titles).join('\n');
  form.years_experience = numText(profile.years_experience);
  form.skills = (Array.isArray(profile.skills) ? profile.skills : []).flatMap((s): SkillRow[] => {
    if (typeof s === 'string') return [{ name: s, years: '', extra: {} }];
    if (!isObj(s) || typeof s.name !== 'string') return [];
    const { name, years, ...extra } = s;
    return [{ name: name as string, years: numText(years), extra }];
  });
  form.locations = strList(profile.locations).join('\n');
  const remote = profile.remote;
  form.remote = REMOTE_CHOICES.some((c) => c.value === remote) ? (remote as RemotePref) : 'any';
  if (isObj(profile.salary_min)) {
    form.salary_amount = numText(profile.salary_min.amount);
    form.salary_currency = typeof profile.salary_min.currency === 'string' ? profile.salary_min.currency : '';
    const p = profile.salary_min.period;
    form.salary_period = typeof p === 'string' && (SALARY_PERIODS as readonly string[]).includes(p) ? p : 'year';
  }
  form.languages = strList(profile.languages).join('\n');
  return form;
}

// One entry per non-blank line, trimmed, without case-insensitive repeats (the first spelling wins).
export function splitLines(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || seen.has(line.toLowerCase())) continue;
    seen.add(line.toLowerCase());
    out.push(line);
  }
  return out;
}

// Years as typed: '' is "not given"; otherwise a number from 0 to 60 (decimals allowed: 1.5).
export function parseYears(text: string): { value?: number; error?: string } {
  const t = text.trim().replace(',', '.');
  if (t === '') return {};
  if (!/^\d+(\.\d+)?$/.test(t)) return { error: `Enter years as a number from 0 to ${MAX_YEARS}.` };
  const n = Number(t);
  if (n > MAX_YEARS) return { error: `Years must be ${MAX_YEARS} or fewer.` };
  return { value: n };
}

// Builds the profile to send with ui.profile.put. `base` is the stored profile (or the proposal):
// its fields the editor does not show are kept. `version` is dropped on purpose: the stored copy
// gets a new one when the content changes, and score caches are keyed by it.
export function formToProfile(form: ProfileForm, base: Record<string, unknown> = {}):
  { profile: Record<string, unknown>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const { version: _dropped, ...profile } = base;
  void _dropped;

  profile.name = form.name.trim();
  profile.headline = form.headline.trim();
  profile.titles = splitLines(form.titles);
  const years = parseYears(form.years_experience);
  if (years.error) errors.push({ field: 'years_experience', message: years.error });
  if (years.value === undefined) delete profile.years_experience; else profile.years_experience = years.value;

  const skills: Record<string, unknown>[] = [];
  const seen = new Map<string, number>();
  form.skills.forEach((row, i) => {
    const name = row.name.trim();
    // A row left completely blank (just added, never filled) is ignored rather than an error.
    if (!name && !row.years.trim()) return;
    if (!name) errors.push({ field: `skills.${i}.name`, message: 'Enter the skill name, or remove this row.' });
    else if (seen.has(name.toLowerCase())) {
      errors.push({ field: `skills.${i}.name`, message: `"${name}" is already listed in row ${(seen.get(name.toLowerCase()) ?? 0) + 1}.` });
    } else seen.set(name.toLowerCase(), i);
    const y = parseYears(row.years);
    if (y.error) errors.push({ field: `skills.${i}.years`, message: y.error });
    const skill: Record<string, unknown> = { ...row.extra, name };
    if (y.value !== undefined) skill.years = y.value;
    skills.push(skill);
  });
  profile.skills = skills;

  profile.locations = splitLines(form.locations);
  profile.remote = form.remote;

  const amountText = form.salary_amount.trim().replace(/[\s,_]/g, '');
  const currency = form.salary_currency.trim().toUpperCase();
  if (amountText === '') {
    if (currency) errors.push({ field: 'salary_amount', message: 'Enter an amount, or clear the currency.' });
    delete profile.salary_min;
  } else {
    const amount = Number(amountText);
    if (!/^\d+(\.\d+)?$/.test(amountText) || !Number.isFinite(amount)) {
      errors.push({ field: 'salary_amount', message: 'Enter the amount as a number, e.g. 60000.' });
    }
    if (!/^[A-Z]{3}$/.test(currency)) {
      errors.push({ field: 'salary_currency', message: 'Enter a three-letter currency code, e.g. EUR or USD.' });
    }
    const period = (SALARY_PERIODS as readonly string[]).includes(form.salary_period) ? form.salary_period : 'year';
    profile.salary_min = { amount, currency, period };
  }

  profile.languages = splitLines(form.languages);
  return { profile, errors };
}

// A resume proposal over the stored profile: what the resume yielded wins, and what it could not
// know (years, salary, remote preference when it only guessed "any") stays as the person set it.
export function mergeProposal(stored: Record<string, unknown> | null, proposal: Record<string, unknown>):
  Record<string, unknown> {
  const out: Record<string, unknown> = { ...(stored ?? {}) };
  for (const [k, v] of Object.entries(proposal)) {
    const empty = v === null || v === '' || (Array.isArray(v) && v.length === 0) ||
      (isObj(v) && Object.keys(v).length === 0) || (k === 'remote' && v === 'any' && stored?.remote !== undefined);
    if (!empty) out[k] = v;
  }
  // A resume rarely states years per skill: keep the years the person already gave for a skill
  // the proposal lists again (same name, any case).
  if (Array.isArray(proposal.skills) && Array.isArray(stored?.skills)) {
    const years = new Map<string, unknown>();
    for (const s of stored.skills) if (isObj(s) && typeof s.name === 'string' && s.years !== undefined) years.set(s.name.toLowerCase(), s.years);
    out.skills = proposal.skills.map((s) => {
      if (!isObj(s) || typeof s.name !== 'string' || s.years !== undefined) return s;
      const y = years.get(s.name.toLowerCase());
      return y === undefined ? s : { ...s, years: y };
    });
  }
  return out;
}
