// Inline validation messages: each input carries data-field="X" and its message element
// data-error-for="X" (referenced by the input's aria-describedby), inside the same container.
// The first invalid input gets focus so keyboard users land on what to fix.
import type { FieldError } from '../logic/profile_form';
import type { Outcome } from '../logic/shapes';
import { errorText } from '../logic/status_text';
import { say } from './dom';

export function showErrors(root: HTMLElement, errors: readonly FieldError[]): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-error-for]')) {
    el.textContent = '';
    el.hidden = true;
  }
  for (const el of root.querySelectorAll<HTMLElement>('[data-field]')) el.removeAttribute('aria-invalid');
  let first: HTMLElement | null = null;
  for (const e of errors) {
    const msg = root.querySelector<HTMLElement>(`[data-error-for="${CSS.escape(e.field)}"]`);
    const input = root.querySelector<HTMLElement>(`[data-field="${CSS.escape(e.field)}"]`);
    if (msg) {
      msg.textContent = msg.textContent ? `${msg.textContent} ${e.message}` : e.message;
      msg.hidden = false;
    }
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      first ??= input;
    }
  }
  first?.focus();
}

export function errorCount(n: number): string {
  return n === 1 ? 'One field needs attention.' : `${n} fields need attention.`;
}

// The save step every form shares: show the field errors; with none, say "Saving…", send, and on a
// refusal say why. Returns the reply's value, or null when nothing was saved.
export async function saveForm(
  form: HTMLElement, notice: HTMLElement, errors: readonly FieldError[], send: () => Promise<Outcome<unknown>>,
): Promise<unknown | null> {
  showErrors(form, errors);
  if (errors.length) {
    say(notice, errorCount(errors.length), 'error');
    return null;
  }
  say(notice, 'Saving…');
  const reply = await send();
  if (!reply.ok) {
    say(notice, errorText(reply.error), 'error');
    return null;
  }
  return reply.value;
}
