// Checks a chosen resume before it is read, and turns its bytes into base64 for ui.resume.import.
// The host accepts up to 20 MiB, but the file crosses runtime messaging and native messaging as
// base64 (a third larger), so the page keeps to 10 MB and says so before reading anything.

export const MAX_RESUME_BYTES = 10 * 1024 * 1024;
export const RESUME_ACCEPT = '.pdf,.docx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function checkResumeFile(name: string, size: number): string | null {
  if (!/\.(pdf|docx)$/i.test(name)) return 'Choose a PDF or a Word .docx file (.doc, .odt and .rtf cannot be read).';
  if (size === 0) return 'This file is empty.';
  if (size > MAX_RESUME_BYTES) return `This file is ${(size / 1024 / 1024).toFixed(1)} MB; the limit is 10 MB.`;
  return null;
}

// btoa takes a "binary string"; build it in slices so a 10 MB file does not overflow the call stack.
export function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    bin += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(bin);
}
