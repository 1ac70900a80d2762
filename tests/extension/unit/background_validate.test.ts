import './fake_chrome';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPageSender, checkShape, checkUiSender, isAllowedPageUrl, matchPatternToRegExp } from '../../../extension/src/background/validate';

test('match patterns: subdomains, paths and any port, nothing else', () => {
  const re = matchPatternToRegExp('https://*.linkedin.com/jobs/*');
  assert.ok(re.test('https://www.linkedin.com/jobs/search/?currentJobId=1'));
  assert.ok(re.test('https://de.linkedin.com/jobs/view/x-123'));
  assert.ok(re.test('https://linkedin.com/jobs/'));
  assert.ok(!re.test('https://www.linkedin.com/feed/'));
  assert.ok(!re.test('https://evil.com/www.linkedin.com/jobs/'));
  assert.ok(!re.test('https://linkedin.com.evil.com/jobs/'));
  assert.ok(!re.test('http://www.linkedin.com/jobs/'));
  assert.ok(matchPatternToRegExp('http://127.0.0.1/*').test('http://127.0.0.1:40123/jobs/search/'));
});

test('page senders: our extension, from a tab, on a matched page', () => {
  const ok = { id: chrome.runtime.id, tab: { id: 7 } as chrome.tabs.Tab, url: 'https://www.linkedin.com/jobs/search/' };
  assert.equal(checkPageSender(ok), 7);
  assert.throws(() => checkPageSender({ ...ok, id: 'someoneelse' }), { codeName: 'sender_forbidden' });
  assert.throws(() => checkPageSender({ ...ok, tab: undefined }), { codeName: 'sender_forbidden' });
  assert.throws(() => checkPageSender({ ...ok, url: 'https://www.linkedin.com/messaging/' }), { codeName: 'sender_forbidden' });
  assert.ok(isAllowedPageUrl('http://127.0.0.1:9/jobs/search/'));
  assert.ok(!isAllowedPageUrl(undefined));
});

test('ui senders: only the extension’s own pages', () => {
  checkUiSender({ id: chrome.runtime.id, url: chrome.runtime.getURL('options.html') });
  assert.throws(() => checkUiSender({ id: chrome.runtime.id, url: 'https://www.linkedin.com/jobs/' }), { codeName: 'sender_forbidden' });
});

test('shapes: unknown types, missing fields, oversized and malformed raw fields are bad_message', () => {
  const cards = { id: 1, type: 'page.cards', url: 'https://www.linkedin.com/jobs/search/', layout: 'e3',
    cards: [{ key: 'c1', raw: { title: [['Engineer'], []] } }] };
  assert.equal(checkShape(cards, 'page.').type, 'page.cards');
  assert.throws(() => checkShape({ ...cards, type: 'page.nope' }, 'page.'), { codeName: 'bad_message' });
  assert.throws(() => checkShape({ ...cards, type: 'ui.status' }, 'page.'), { codeName: 'bad_message' });
  assert.throws(() => checkShape({ ...cards, url: 7 }, 'page.'), /field url/);
  assert.throws(() => checkShape({ ...cards, cards: [{ key: 'c1', raw: { title: [[1]] } }] }, 'page.'), /field cards/);
  assert.throws(() => checkShape({ ...cards, cards: [{ key: 'c1', raw: { title: [['x'.repeat(5000)]] } }] }, 'page.'), /field cards/);
  assert.throws(() => checkShape({ ...cards, cards: Array(201).fill(cards.cards[0]) }, 'page.'), /field cards/);
  assert.throws(() => checkShape(null, 'page.'), { codeName: 'bad_message' });
  assert.throws(() => checkShape({ type: 'ui.profile.put', profile: 'x' }, 'ui.'), /field profile/);
});
