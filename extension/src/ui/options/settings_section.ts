// The "Matching & filters" section: ui.settings.get / ui.settings.put. Parsing and validation are
// in logic/settings_form.ts.
import { call } from '../common/rpc';
import { byId, say } from '../common/dom';
import { errorCount, saveForm, showErrors } from '../common/form_errors';
import { formToSettings, settingsToForm, type SettingsForm } from '../logic/settings_form';
import { readSettings } from '../logic/shapes';
import { errorText } from '../logic/status_text';

const box = (id: string) => byId<HTMLInputElement>(id);

function fill(f: SettingsForm): void {
  box('s-enabled').checked = f.enabled;
  box('s-threshold').value = f.threshold;
  box('s-hide-below').checked = f.hide_below_threshold;
  box('s-hide-promoted').checked = f.hide_promoted;
  box('s-hide-applied').checked = f.hide_applied;
  byId<HTMLTextAreaElement>('s-blocked').value = f.blocked_companies;
}

function read(): SettingsForm {
  return {
    enabled: box('s-enabled').checked, threshold: box('s-threshold').value,
    hide_below_threshold: box('s-hide-below').checked, hide_promoted: box('s-hide-promoted').checked,
    hide_applied: box('s-hide-applied').checked, blocked_companies: byId<HTMLTextAreaElement>('s-blocked').value,
  };
}

async function save(ev: Event): Promise<void> {
  ev.preventDefault();
  const form = byId('settings-form'), notice = byId('settings-notice');
  const { settings, errors } = formToSettings(read());
  if (!settings) {
    showErrors(form, errors);
    say(notice, errorCount(errors.length), 'error');
    return;
  }
  const stored = await saveForm(form, notice, errors, () => call({ type: 'ui.settings.put', settings }));
  if (stored === null) return;
  // Show what was stored: the cleaned company list (trimmed, repeats removed).
  fill(settingsToForm(readSettings(stored)));
  say(notice, 'Saved. Open LinkedIn tabs apply it right away.', 'ok');
}

export function initSettings(): void {
  byId('settings-form').addEventListener('submit', (ev) => void save(ev));
  void (async () => {
    const reply = await call({ type: 'ui.settings.get' });
    if (!reply.ok) {
      say(byId('settings-notice'), `Settings could not be loaded: ${errorText(reply.error)}`, 'error');
      return;
    }
    fill(settingsToForm(readSettings(reply.value)));
  })();
}
