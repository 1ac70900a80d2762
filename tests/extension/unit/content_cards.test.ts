// Occluded-card detection (extension/src/content/cards.ts isEmptyCard) on fake elements: an emptied
// `<li data-occludable-job-id><!----></li>` is skipped, even when our badge was left inside it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isEmptyCard } from '../../../extension/src/content/cards';

interface FakeEl { nodeName: string; textContent: string; firstElementChild: FakeEl | null; nextElementSibling: FakeEl | null }
function li(text: string, ...kids: string[]): Element {
  const els: FakeEl[] = kids.map((nodeName) => ({ nodeName, textContent: '', firstElementChild: null, nextElementSibling: null }));
  els.forEach((e, i) => { e.nextElementSibling = els[i + 1] ?? null; });
  return { nodeName: 'LI', textContent: text, firstElementChild: els[0] ?? null, nextElementSibling: null } as unknown as Element;
}

test('no element children, or whitespace only: empty', () => {
  assert.equal(isEmptyCard(li('')), true);             // <li><!----></li>
  assert.equal(isEmptyCard(li('  \n ')), true);
  assert.equal(isEmptyCard(li('\n  ', 'DIV')), true);  // a skeleton with no text yet
});

test('only our badge left behind: still empty; a real card is not', () => {
  assert.equal(isEmptyCard(li('', 'JOBLENS-BADGE')), true);
  assert.equal(isEmptyCard(li('', 'joblens-badge')), true); // XHTML node names are lower-case
  assert.equal(isEmptyCard(li('Site Reliability Engineer', 'DIV', 'JOBLENS-BADGE')), false);
  assert.equal(isEmptyCard(li('Site Reliability Engineer', 'DIV')), false);
});
