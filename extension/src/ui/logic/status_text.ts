// Wording for the host, queue, profile, spend and errors, shared by the popup and the options page
// so both say the same thing. Plain strings only; the pages decide how to show them.
import { errorMeaning } from '../../generated/error-codes';
import type { CodedError, HostStatus } from '../../common/messages';
import type { StatusResult } from './shapes';

export type Tone = 'ok' | 'warn' | 'error';
export interface Line { tone: Tone; text: string }

export const NOT_INSTALLED = 'The JobLens host is not installed for this browser';

export function hostLine(host: HostStatus): Line {
  if (host.connected) {
    return { tone: 'ok', text: host.version ? `Host connected (version ${host.version})` : 'Host connected' };
  }
  // The background passes the browser's own words in `error`; "not found" is the missing manifest.
  const why = host.error?.trim();
  if (!why || /not found|not installed/i.test(why)) return { tone: 'error', text: `${NOT_INSTALLED}.` };
  return { tone: 'error', text: `The JobLens host is not connected: ${why}` };
}

// True when the person should be shown how to install or register the host.
export function needsInstall(host: HostStatus): boolean {
  return !host.connected;
}

export function queueLine(queued: number): string {
  if (!queued) return '';
  return queued === 1 ? '1 change waiting for the host' : `${queued} changes waiting for the host`;
}

export function usd(n: number): string {
  return `$${n.toFixed(2)}`;
}

export function spendLine(spend: StatusResult['spend']): Line | null {
  if (!spend) return null;
  if (spend.budget_usd === null) return { tone: 'ok', text: `AI spend this month: ${usd(spend.month_usd)} (no budget set)` };
  const tone: Tone = spend.month_usd >= spend.budget_usd ? 'error' : spend.month_usd >= 0.8 * spend.budget_usd ? 'warn' : 'ok';
  return { tone, text: `AI spend this month: ${usd(spend.month_usd)} of ${usd(spend.budget_usd)}` };
}

export function profileLine(p: StatusResult['profile']): string {
  if (!p.present) return 'No profile yet.';
  const who = p.name?.trim() || 'Your profile';
  const skills = p.skills === 1 ? '1 skill' : `${p.skills} skills`;
  return p.version ? `${who} · ${skills} · version ${p.version}` : `${who} · ${skills}`;
}

export function coreLine(c: StatusResult['core']): string {
  return `Matcher: ${c.skills} known skills · selector rules ${c.rules_version || 'unknown'}`;
}

// An error from the background in words: the message when there is one, else what the code means,
// plus what to do for the cases a person can fix.
export function errorText(e: CodedError): string {
  const base = e.message?.trim() || errorMeaning[e.code] || e.name || 'Something went wrong';
  switch (e.name) {
    case 'host_unavailable':
      return `The JobLens host is not available (${base}). Install it and register it for this browser; see the Host section.`;
    case 'tool_missing':
      return `A program the host needs to read this file is not installed: ${base}`;
    case 'tool_timeout':
      return 'Reading the file took too long. Try a smaller file, or export it again as PDF.';
    case 'unsupported_format':
      return 'This file type cannot be read. Use a PDF (with text, not a scan) or a Word .docx file.';
    case 'empty_input':
      return `No text could be read from the file (${base}). A scanned PDF needs OCR first; JobLens does not run OCR.`;
    case 'too_large':
      return `The file is too large (${base}).`;
    default:
      return base;
  }
}
