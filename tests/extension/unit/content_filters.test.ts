// Filter decisions (extension/src/content/filters.ts) and the badge colour scale (colour.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, type CardResult, type OverlaySettings } from '../../../extension/src/common/messages';
import { hideReason } from '../../../extension/src/content/filters';
import { HUE_AMBER, HUE_GREEN, HUE_RED, scoreColour, scoreHue } from '../../../extension/src/content/colour';

const card = (o: Partial<CardResult> = {}): CardResult => ({ key: 'c1', promoted: false, applied: false, easy_apply: false, steps: {}, company: 'Saffron Cloud Payments', score: 50, ...o });
const s = (o: Partial<OverlaySettings> = {}): OverlaySettings => ({ ...DEFAULT_SETTINGS, ...o });

test('no filter on: nothing hidden', () => {
  assert.equal(hideReason(card({ promoted: true, applied: true, score: 1 }), s()), null);
});

test('each filter hides its own cards only', () => {
  assert.equal(hideReason(card({ promoted: true }), s({ hide_promoted: true })), 'promoted');
  assert.equal(hideReason(card(), s({ hide_promoted: true })), null);
  assert.equal(hideReason(card({ applied: true }), s({ hide_applied: true })), 'applied');
  assert.equal(hideReason(card({ score: 59 }), s({ hide_below_threshold: true, threshold: 60 })), 'below');
  assert.equal(hideReason(card({ score: 60 }), s({ hide_below_threshold: true, threshold: 60 })), null);
  assert.equal(hideReason(card({ score: undefined }), s({ hide_below_threshold: true })), null, 'unscored cards stay');
});

test('blocked companies: case-insensitive exact name, whitespace-normalised', () => {
  const b = s({ blocked_companies: ['  saffron cloud  PAYMENTS '] });
  assert.equal(hideReason(card(), b), 'blocked');
  assert.equal(hideReason(card({ company: 'Saffron Cloud' }), b), null, 'not a substring match');
  assert.equal(hideReason(card({ company: undefined }), b), null);
});

test('disabled overlay hides nothing; first matching reason wins', () => {
  const all = s({ hide_promoted: true, hide_applied: true, hide_below_threshold: true, blocked_companies: ['Saffron Cloud Payments'] });
  assert.equal(hideReason(card({ promoted: true, applied: true, score: 1 }), all), 'promoted');
  assert.equal(hideReason(card({ applied: true, score: 1 }), all), 'applied');
  assert.equal(hideReason(card({ promoted: true }), { ...all, enabled: false }), null);
});

test('colour: red at 0, amber at the threshold, green at 100, monotonic', () => {
  for (const th of [0, 1, 30, 60, 99, 100]) {
    assert.equal(scoreHue(0, th), th === 0 ? HUE_AMBER : HUE_RED);
    assert.equal(scoreHue(th, th), HUE_AMBER);
    assert.equal(scoreHue(100, th), th === 100 ? HUE_AMBER : HUE_GREEN);
    let prev = -1;
    for (let v = 0; v <= 100; v++) { const h = scoreHue(v, th); assert.ok(Number.isFinite(h) && h >= prev, `th ${th} v ${v}`); prev = h; }
  }
  assert.equal(scoreHue(-5, 60), HUE_RED);
  assert.equal(scoreHue(150, 60), HUE_GREEN);
  assert.match(scoreColour(73, 60), /^hsl\(\d+ 80% 78%\)$/);
});
