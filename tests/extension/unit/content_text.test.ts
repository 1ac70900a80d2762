// Description text (extension/src/content/text.ts): line breaks at block boundaries without innerText.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blockText, type NodeLike } from '../../../extension/src/content/text';

const txt = (s: string): NodeLike => ({ nodeType: 3, nodeName: '#text', nodeValue: s, childNodes: [] });
const elm = (name: string, ...kids: NodeLike[]): NodeLike => ({ nodeType: 1, nodeName: name, nodeValue: null, childNodes: kids });

test('block elements are separated by newlines; inline ones are not', () => {
  const root = elm('DIV',
    elm('H2', txt('About the job')),
    elm('P', txt('We use '), elm('STRONG', txt('Go')), txt(' daily.')),
    elm('UL', elm('LI', txt('Kubernetes')), elm('LI', txt('5+ years'))),
    txt('tail'));
  assert.equal(blockText(root, 1000), 'About the job\nWe use Go daily.\nKubernetes\n5+ years\ntail');
});

test('XHTML lower-case names, script/template skipped, BR breaks', () => {
  const root = elm('div', elm('p', txt('a'), elm('br'), txt('b')), elm('script', txt('{"json":1}')), elm('template', txt('x')));
  assert.equal(blockText(root, 1000), 'a\nb');
});

test('capped', () => {
  const root = elm('DIV', ...Array.from({ length: 100 }, () => elm('P', txt('0123456789'))));
  const s = blockText(root, 55);
  assert.ok(s.length <= 55 && s.length >= 50, `length ${s.length}`);
  assert.ok(s.startsWith('0123456789\n0123456789'));
});
