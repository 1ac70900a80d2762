// Resume file checks before reading, and the chunked base64 encoding of its bytes.
// @types/node is not installed; these imports are typed `any` (see ui_profile_form.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bytesToBase64, checkResumeFile, MAX_RESUME_BYTES } from '../../../extension/src/ui/logic/resume_file';

test('type and size are checked before reading', () => {
  assert.equal(checkResumeFile('cv.PDF', 1000), null);
  assert.equal(checkResumeFile('cv.docx', MAX_RESUME_BYTES), null);
  assert.match(checkResumeFile('cv.doc', 1000)!, /PDF or a Word/);
  assert.match(checkResumeFile('cv', 1000)!, /PDF or a Word/);
  assert.match(checkResumeFile('cv.pdf', MAX_RESUME_BYTES + 1)!, /10 MB/);
  assert.match(checkResumeFile('cv.pdf', 0)!, /empty/);
});

test('base64 across chunk boundaries equals the one-shot encoding', () => {
  assert.equal(bytesToBase64(new TextEncoder().encode('%PDF-')), 'JVBERi0=');
  assert.equal(bytesToBase64(new Uint8Array(0)), '');
  const bytes = new Uint8Array(100_003).map((_, i) => (i * 31 + 7) % 256);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  assert.equal(bytesToBase64(bytes), btoa(bin));
});

test('a 10 MB file encodes without overflowing the stack', () => {
  const big = new Uint8Array(MAX_RESUME_BYTES);
  assert.equal(bytesToBase64(big).length, Math.ceil(MAX_RESUME_BYTES / 3) * 4);
});
