// Overlay strings (extension/src/content/i18n.ts): every key in all seven languages, placeholders kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KEYS, pickLang, t, TABLE } from '../../../extension/src/content/i18n';

const LANGS = ['en', 'de', 'fr', 'es', 'pt', 'it', 'nl'];

test('the table has exactly the seven languages, each with every key', () => {
  assert.deepEqual(Object.keys(TABLE).sort(), [...LANGS].sort());
  for (const lang of LANGS) {
    assert.equal(TABLE[lang].length, KEYS.length, `${lang}: ${TABLE[lang].length} strings for ${KEYS.length} keys`);
    for (const [i, s] of TABLE[lang].entries()) assert.ok(s.trim().length > 0, `${lang}.${KEYS[i]} is empty`);
  }
});

test('{n} placeholders are in the same keys in every language', () => {
  for (const [i, key] of KEYS.entries()) {
    const inEn = TABLE.en[i].includes('{n}');
    for (const lang of LANGS) assert.equal(TABLE[lang][i].includes('{n}'), inEn, `${lang}.${key}`);
  }
  assert.equal(t('de', 'hidden', 3), '3 durch Filter ausgeblendet');
  assert.equal(t('en', 'match', 73), 'JobLens match 73');
});

test('pickLang: base language of <html lang>, English otherwise', () => {
  assert.equal(pickLang('de'), 'de');
  assert.equal(pickLang('de-DE'), 'de');
  assert.equal(pickLang('pt_BR'), 'pt');
  assert.equal(pickLang('NL'), 'nl');
  assert.equal(pickLang('ja'), 'en');
  assert.equal(pickLang(''), 'en');
  assert.equal(pickLang(null), 'en');
  assert.equal(t('xx', 'loading'), 'Loading…');
});
