// Resume import: check the chosen file, read it as base64, send ui.resume.import, and hand the
// host's proposal to the profile editor. Nothing is saved here; the person confirms with Save.
import { call } from '../common/rpc';
import { byId, say } from '../common/dom';
import { bytesToBase64, checkResumeFile, RESUME_ACCEPT } from '../logic/resume_file';
import { readProposal, type ResumeProposal } from '../logic/shapes';
import { errorText } from '../logic/status_text';

export function initResumeImport(onProposal: (p: ResumeProposal, filename: string) => void): void {
  const input = byId<HTMLInputElement>('resume-file');
  const notice = byId('resume-notice');
  input.accept = RESUME_ACCEPT;
  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    if (!file) return;
    const problem = checkResumeFile(file.name, file.size);
    if (problem) {
      say(notice, problem, 'error');
      input.value = '';
      return;
    }
    input.disabled = true;
    say(notice, `Reading ${file.name}…`);
    try {
      const data = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
      const reply = await call({ type: 'ui.resume.import', filename: file.name, data_base64: data });
      if (!reply.ok) {
        say(notice, errorText(reply.error), 'error');
        return;
      }
      say(notice, '');
      onProposal(readProposal(reply.value), file.name);
    } catch (e) {
      say(notice, `The file could not be read: ${e instanceof Error ? e.message : String(e)}`, 'error');
    } finally {
      input.disabled = false;
      // Clear the choice so picking the same file again (after fixing a tool) fires change again.
      input.value = '';
    }
  });
}
