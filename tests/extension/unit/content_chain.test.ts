// The selector-chain runner (extension/src/content/chain.ts) over a fake element: every read kind,
// `self` steps, caps, the `elements` rule and invalid selectors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Step } from '../../../extension/src/common/messages';
import { cappedText, findElements, runChain, runFields, runStep, type ElLike } from '../../../extension/src/content/chain';

// A fake element: `sel` maps a selector to the elements it finds inside; `is` lists the selectors the
// element itself matches; a selector starting with "!" throws like an invalid one would.
class Fake implements ElLike {
  constructor(public textContent: string | null, private sel: Record<string, Fake[]> = {}, private attrs: Record<string, string> = {}, private is: string[] = []) {}
  querySelectorAll(s: string): Fake[] { if (s.startsWith('!')) throw new SyntaxError(s); return this.sel[s] ?? []; }
  querySelector(s: string): Fake | null { return this.querySelectorAll(s)[0] ?? null; }
  matches(s: string): boolean { if (s.startsWith('!')) throw new SyntaxError(s); return this.is.includes(s); }
  getAttribute(n: string): string | null { return n in this.attrs ? this.attrs[n] : null; }
}
const text = cappedText(2000);
const step = (selector: string, read: Step['read'], extra: Partial<Step> = {}): Step => ({ selector, read, post: 'squash', ...extra });

test('text, attr, presence and absence read the first match', () => {
  const a = new Fake(' Site Reliability Engineer ', {}, { href: '/jobs/view/42/' });
  const card = new Fake('card', { 'a.t': [a, new Fake('second')], time: [] });
  assert.deepEqual(runStep(card, step('a.t', 'text'), text), [' Site Reliability Engineer ']);
  assert.deepEqual(runStep(card, step('a.missing', 'text'), text), []);
  assert.deepEqual(runStep(card, step('a.t', 'attr', { attr: 'href' }), text), ['/jobs/view/42/']);
  assert.deepEqual(runStep(card, step('a.t', 'attr', { attr: 'title' }), text), []);
  assert.deepEqual(runStep(card, step('a.t', 'presence'), text), ['true']);
  assert.deepEqual(runStep(card, step('time', 'presence'), text), []);
  assert.deepEqual(runStep(card, step('time', 'absence'), text), ['true']);
  assert.deepEqual(runStep(card, step('a.t', 'absence'), text), []);
});

test('each_text gives at most 8 strings in order; longest_text the longest', () => {
  const items = Array.from({ length: 11 }, (_, i) => new Fake(`item ${i}`));
  items[3] = new Fake('the longest item of all');
  const card = new Fake('', { li: items });
  const each = runStep(card, step('li', 'each_text'), text);
  assert.equal(each.length, 8);
  assert.equal(each[0], 'item 0');
  assert.deepEqual(runStep(card, step('li', 'longest_text'), text), ['the longest item of all']);
  assert.deepEqual(runStep(card, step('none', 'longest_text'), text), []);
});

test('self steps test and read the scope element itself', () => {
  const li = new Fake('x', { '[data-occludable-job-id]': [] }, { 'data-occludable-job-id': '4038498138' }, ['[data-occludable-job-id]']);
  assert.deepEqual(runStep(li, step('[data-occludable-job-id]', 'attr', { attr: 'data-occludable-job-id', self: true }), text), ['4038498138']);
  assert.deepEqual(runStep(li, step('[componentkey]', 'attr', { attr: 'componentkey', self: true }), text), []);
  assert.deepEqual(runStep(li, step('[data-occludable-job-id]', 'presence', { self: true }), text), ['true']);
});

test('an invalid selector is no match, not an exception', () => {
  const card = new Fake('c', { '.ok': [new Fake('fine')] });
  const raw = runChain(card, [step('!:has-bogus(', 'text'), step('.ok', 'text'), step('!x', 'presence', { self: true })], text);
  assert.deepEqual(raw, [[], ['fine'], []]);
  assert.deepEqual(findElements(card, [step('!bad', 'elements'), step('.ok', 'elements')]).els.length, 1);
});

test('strings are capped; unknown reads give nothing', () => {
  const big = new Fake('x'.repeat(5000), {}, { href: 'h'.repeat(5000) });
  const card = new Fake('', { a: [big] });
  assert.equal(runStep(card, step('a', 'text'), text)[0].length, 2000);
  assert.equal(runStep(card, step('a', 'attr', { attr: 'href' }), text)[0].length, 2000);
  assert.deepEqual(runStep(card, step('a', 'elements'), text), []);
});

test('runFields keeps one entry per step, per field present in the chains', () => {
  const card = new Fake('', { h3: [new Fake('Title')], h4: [] });
  const raw = runFields(card, { title: [step('h3', 'text')], company: [step('h4', 'text'), step('h3', 'text')] }, ['job_id', 'title', 'company'], text);
  assert.deepEqual(raw, { title: [['Title']], company: [[], ['Title']] });
});

test('elements: the first step with at least one element wins, with its selector', () => {
  const a = new Fake('a'), b = new Fake('b');
  const doc = new Fake('', { 'li.new': [], 'li.old': [a, b], 'div.older': [a] });
  const r = findElements(doc, [step('li.new', 'elements'), step('li.old', 'elements'), step('div.older', 'elements')]);
  assert.deepEqual(r.els, [a, b]);
  assert.equal(r.selector, 'li.old');
  assert.deepEqual(findElements(doc, undefined), { els: [], selector: null });
});

test('a stop step that reads something ends the chain; blank reads and non-stop steps do not', () => {
  const card = new Fake('', { 'span.a': [new Fake('  ')], 'span.b': [new Fake('Engineer')], 'span.c': [new Fake('Other')] }, { id: '7' });
  const steps = [step('span.a', 'text', { stop: true }), step('span.b', 'text', { stop: true }), step('span.c', 'text', { stop: true })];
  // span.a is blank: go on; span.b reads "Engineer": span.c is never queried.
  assert.deepEqual(runChain(card, steps, text), [['  '], ['Engineer'], []]);
  const noStop = steps.map((s) => ({ ...s, stop: false }));
  assert.deepEqual(runChain(card, noStop, text), [['  '], ['Engineer'], ['Other']]);
  // A presence step marked stop ends the chain when it matches.
  assert.deepEqual(runChain(card, [step('span.b', 'presence', { stop: true }), step('span.c', 'text')], text), [['true'], []]);
});
