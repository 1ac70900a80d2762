// Runs the background's selector chains (docs/selectors.md "How the content script runs a chain") over
// a tiny element interface, so the same code runs on the live DOM and on the fake nodes of the unit
// tests. It only reads: no layout (no innerText, no getComputedStyle), and every selector call is
// guarded because a selector a future browser rejects must mean "no match", not a dead scan.
import type { RawField, RawFields, Step } from '../common/messages';

export interface ElLike {
  querySelector(selector: string): ElLike | null;
  querySelectorAll(selector: string): ArrayLike<ElLike>;
  matches(selector: string): boolean;
  getAttribute(name: string): string | null;
  readonly textContent: string | null;
}

// How a matched element becomes a string (cards: capped textContent; the description: block-aware).
export type TextOf = (el: ElLike) => string;

export const CARD_TEXT_CAP = 2000;
export const EACH_TEXT_MAX = 8;

export const cappedText = (cap: number): TextOf => (el) => {
  const t = el.textContent ?? '';
  return t.length > cap ? t.slice(0, cap) : t;
};

function safeAll(scope: ElLike, sel: string): ArrayLike<ElLike> {
  try { return scope.querySelectorAll(sel); } catch { return []; }
}
function safeOne(scope: ElLike, sel: string): ElLike | null {
  try { return scope.querySelector(sel); } catch { return null; }
}
function safeMatches(el: ElLike, sel: string): boolean {
  try { return el.matches(sel); } catch { return false; }
}

// The elements a step selects in scope. `self` steps can only yield the scope itself, because
// querySelector never returns its own scope element.
function select(scope: ElLike, step: Step, all: boolean): ElLike[] {
  if (step.self) return safeMatches(scope, step.selector) ? [scope] : [];
  if (!all) { const one = safeOne(scope, step.selector); return one ? [one] : []; }
  return Array.from(safeAll(scope, step.selector));
}

// The strings one step produces, before post-processing (the background applies `post`).
export function runStep(scope: ElLike, step: Step, textOf: TextOf, cap = CARD_TEXT_CAP): string[] {
  const clip = (s: string) => (s.length > cap ? s.slice(0, cap) : s);
  switch (step.read) {
    case 'text': { const [el] = select(scope, step, false); return el ? [textOf(el)] : []; }
    case 'attr': {
      const [el] = select(scope, step, false);
      const v = el && step.attr ? el.getAttribute(step.attr) : null;
      return v === null ? [] : [clip(v)];
    }
    case 'presence': return select(scope, step, false).length ? ['true'] : [];
    case 'absence': return select(scope, step, false).length ? [] : ['true'];
    case 'each_text': return select(scope, step, true).slice(0, EACH_TEXT_MAX).map(textOf);
    case 'longest_text': {
      let best: string | null = null;
      for (const el of select(scope, step, true)) { const t = textOf(el); if (best === null || t.length > best.length) best = t; }
      return best === null ? [] : [best];
    }
    default: return []; // `elements` is not a field read, and an unknown read must not throw
  }
}

// Every step in order, until a `stop` step reads a non-blank string: the later steps could never win
// (messages.ts Step.stop), so they are not run and go as empty lists. The background's result is the
// same either way; this only saves DOM queries (and, for descriptions, long textContent reads).
export function runChain(scope: ElLike, steps: readonly Step[], textOf: TextOf, cap = CARD_TEXT_CAP): RawField {
  const raw: RawField = [];
  let done = false;
  for (const s of steps) {
    if (done) { raw.push([]); continue; }
    const got = runStep(scope, s, textOf, cap);
    raw.push(got);
    done = !!s.stop && got.some((t) => /\S/.test(t));
  }
  return raw;
}

export function runFields(scope: ElLike, chains: Record<string, Step[]>, fields: readonly string[], textOf: TextOf, cap = CARD_TEXT_CAP): RawFields {
  const raw: RawFields = {};
  for (const f of fields) { const steps = chains[f]; if (steps) raw[f] = runChain(scope, steps, textOf, cap); }
  return raw;
}

// `elements` chains (card, details_pane): the first step with at least one element wins. Returns the
// winning step's selector too, so mutation targets can be mapped back to their card with closest().
export function findElements<E extends ElLike>(root: ElLike, steps: readonly Step[] | undefined): { els: E[]; selector: string | null } {
  for (const s of steps ?? []) {
    const els = select(root, s, true) as E[];
    if (els.length) return { els, selector: s.self ? null : s.selector };
  }
  return { els: [], selector: null };
}
