// The pages' one way to reach the background: runtime.sendMessage with a UiRequest, answered with
// a UiReply. A missing or malformed reply (background restarting, an older background without the
// message) becomes a coded error too, so every caller handles exactly one failure shape.
import type { CodedError, UiReply, UiRequest } from '../../common/messages';
import type { Outcome } from '../logic/shapes';

const NO_ANSWER: CodedError = { code: 1999, name: 'no_answer', message: 'The extension\'s background did not answer. Reload the extension and try again.' };

export async function call(req: UiRequest): Promise<Outcome<unknown>> {
  let reply: UiReply | undefined;
  try {
    reply = (await chrome.runtime.sendMessage(req)) as UiReply | undefined;
  } catch (e) {
    return { ok: false, error: { ...NO_ANSWER, message: `${NO_ANSWER.message} (${e instanceof Error ? e.message : String(e)})` } };
  }
  if (!reply || typeof reply !== 'object' || typeof reply.ok !== 'boolean') return { ok: false, error: NO_ANSWER };
  if (reply.ok) return { ok: true, value: reply.result };
  const err = reply.error ?? NO_ANSWER;
  return { ok: false, error: { code: Number(err.code) || 0, name: String(err.name ?? ''), message: String(err.message ?? '') } };
}
