// The Profile section: the editor (ui.profile.get / ui.profile.put) and the resume proposal flow.
// The form <-> JSON conversion and validation are in logic/profile_form.ts; this file only moves
// values between inputs and that logic.
import { call } from '../common/rpc';
import { byId, clear, h, say } from '../common/dom';
import { saveForm, showErrors } from '../common/form_errors';
import {
  emptyForm, formToProfile, mergeProposal, profileToForm, REMOTE_CHOICES, SALARY_PERIODS,
  type ProfileForm, type RemotePref, type SkillRow,
} from '../logic/profile_form';
import { asObject, type ResumeProposal } from '../logic/shapes';
import { errorText } from '../logic/status_text';
import { initResumeImport } from './resume_import';

let stored: Record<string, unknown> | null = null;   // what ui.profile.get returned
let base: Record<string, unknown> = {};              // stored, or stored merged with a proposal
const extras = new WeakMap<HTMLElement, Record<string, unknown>>();   // a skill row's hidden fields

const input = (id: string) => byId<HTMLInputElement>(id);
const area = (id: string) => byId<HTMLTextAreaElement>(id);
const select = (id: string) => byId<HTMLSelectElement>(id);

function skillRow(row: SkillRow): HTMLElement {
  const el = h('div', { class: 'skill-row' });
  extras.set(el, row.extra);
  const name = h('input', { class: 'skill-name', autocomplete: 'off' });
  const years = h('input', { class: 'skill-years short', inputmode: 'decimal' });
  name.value = row.name;
  years.value = row.years;
  const remove = h('button', { type: 'button', class: 'small' }, 'Remove');
  remove.addEventListener('click', () => {
    const next = el.nextElementSibling ?? el.previousElementSibling;
    el.remove();
    renumberSkills();
    (next?.querySelector('input') ?? byId('add-skill')).focus();
  });
  el.append(
    h('div', { class: 'field' }, h('label', {}, 'Skill'), name, h('p', { class: 'field-error', hidden: true })),
    h('div', { class: 'field' }, h('label', {}, 'Years'), years, h('p', { class: 'field-error', hidden: true })),
    remove,
  );
  return el;
}

// Ids, labels and error hooks follow the row's position, so they are rebuilt after add/remove.
function renumberSkills(): void {
  byId('skills').querySelectorAll<HTMLElement>('.skill-row').forEach((row, i) => {
    const [nameField, yearsField] = row.querySelectorAll<HTMLElement>('.field');
    for (const [field, key] of [[nameField, 'name'], [yearsField, 'years']] as const) {
      if (!field) continue;
      const id = `skill-${i}-${key}`;
      const label = field.querySelector('label')!, inp = field.querySelector('input')!, err = field.querySelector('p')!;
      label.htmlFor = id;
      label.textContent = key === 'name' ? `Skill ${i + 1}` : `Years (skill ${i + 1})`;
      inp.id = id;
      inp.dataset.field = `skills.${i}.${key}`;
      err.id = `err-${id}`;
      err.dataset.errorFor = `skills.${i}.${key}`;
      inp.setAttribute('aria-describedby', err.id);
    }
    const name = row.querySelector<HTMLInputElement>('.skill-name')?.value.trim();
    row.querySelector('button')?.setAttribute('aria-label', `Remove skill ${i + 1}${name ? ` (${name})` : ''}`);
  });
}

function fillForm(form: ProfileForm): void {
  input('p-name').value = form.name;
  input('p-headline').value = form.headline;
  area('p-titles').value = form.titles;
  input('p-years').value = form.years_experience;
  const skills = byId('skills');
  clear(skills);
  for (const row of form.skills) skills.append(skillRow(row));
  renumberSkills();
  area('p-locations').value = form.locations;
  select('p-remote').value = form.remote;
  input('p-salary-amount').value = form.salary_amount;
  input('p-salary-currency').value = form.salary_currency;
  select('p-salary-period').value = form.salary_period;
  area('p-languages').value = form.languages;
  showErrors(byId('profile-form'), []);
}

function readForm(): ProfileForm {
  const skills = [...byId('skills').querySelectorAll<HTMLElement>('.skill-row')].map((row): SkillRow => ({
    name: row.querySelector<HTMLInputElement>('.skill-name')?.value ?? '',
    years: row.querySelector<HTMLInputElement>('.skill-years')?.value ?? '',
    extra: extras.get(row) ?? {},
  }));
  return {
    name: input('p-name').value, headline: input('p-headline').value, titles: area('p-titles').value,
    years_experience: input('p-years').value, skills, locations: area('p-locations').value,
    remote: select('p-remote').value as RemotePref, salary_amount: input('p-salary-amount').value,
    salary_currency: input('p-salary-currency').value, salary_period: select('p-salary-period').value,
    languages: area('p-languages').value,
  };
}

function showVersion(profile: Record<string, unknown> | null): void {
  const v = profile?.version;
  byId('profile-version').textContent = v === undefined ? '' : `Saved version ${String(v)}`;
}

function applyProposal(p: ResumeProposal, filename: string): void {
  base = mergeProposal(stored, p.profile);
  fillForm(profileToForm(base));
  byId('proposal-file').textContent = filename;
  const list = byId('proposal-confidence');
  clear(list);
  for (const [field, level] of Object.entries(p.confidence).sort(([a], [b]) => a.localeCompare(b))) {
    const check = level !== 'high';
    list.append(h('li', { class: check ? 'tone-warn' : '' }, `${field.replace(/_/g, ' ')}: ${level} confidence${check ? ' — check this' : ''}`));
  }
  byId('proposal-chars').textContent = String(p.source_chars);
  byId('proposal-text').textContent = p.text;
  byId('proposal').hidden = false;
  say(byId('profile-notice'), 'The proposal is in the form below. Review it, then press Save profile.', 'info');
  input('p-name').focus();
}

function discardProposal(): void {
  base = stored ?? {};
  fillForm(profileToForm(stored));
  byId('proposal').hidden = true;
  say(byId('profile-notice'), 'Proposal discarded; the form shows your saved profile.');
}

async function save(ev: Event): Promise<void> {
  ev.preventDefault();
  const formEl = byId('profile-form');
  const notice = byId('profile-notice');
  const { profile, errors } = formToProfile(readForm(), base);
  const saved = await saveForm(formEl, notice, errors, () => call({ type: 'ui.profile.put', profile }));
  if (saved === null) return;
  const savedProfile = asObject(asObject(saved).profile);
  stored = Object.keys(savedProfile).length ? savedProfile : profile;
  base = stored;
  fillForm(profileToForm(stored));
  showVersion(stored);
  byId('proposal').hidden = true;
  say(notice, 'Profile saved. Badges on open LinkedIn tabs update shortly.', 'ok');
}

async function load(): Promise<void> {
  const notice = byId('profile-notice');
  const reply = await call({ type: 'ui.profile.get' });
  if (!reply.ok) {
    say(notice, `Your saved profile could not be loaded: ${errorText(reply.error)}`, 'error');
    return;
  }
  const p = asObject(reply.value).profile;
  stored = p && typeof p === 'object' ? asObject(p) : null;
  base = stored ?? {};
  fillForm(stored ? profileToForm(stored) : emptyForm());
  showVersion(stored);
  if (!stored) say(notice, 'No profile yet: import a resume above, or fill in the form and save.');
}

export function initProfile(): void {
  const remote = select('p-remote');
  for (const c of REMOTE_CHOICES) remote.append(h('option', { value: c.value }, c.label));
  const period = select('p-salary-period');
  for (const p of SALARY_PERIODS) period.append(h('option', { value: p }, p));
  byId('add-skill').addEventListener('click', () => {
    const row = skillRow({ name: '', years: '', extra: {} });
    byId('skills').append(row);
    renumberSkills();
    row.querySelector('input')?.focus();
  });
  byId('profile-form').addEventListener('submit', (ev) => void save(ev));
  byId('proposal-discard').addEventListener('click', discardProposal);
  initResumeImport(applyProposal);
  void load();
}
