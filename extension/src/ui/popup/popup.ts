// The toolbar popup: host status (or what to install), queued writes, the profile, this month's AI
// spend and the matcher's versions, from one ui.status call. Everything else is in the options page.
import { call } from '../common/rpc';
import { byId, clear, say, toneLine } from '../common/dom';
import { hostStatusView } from '../common/host_view';
import { readStatus } from '../logic/shapes';
import { coreLine, errorText, profileLine, spendLine } from '../logic/status_text';

function openOptions(section?: string): void {
  // openOptionsPage cannot take a fragment; the profile button opens its section directly.
  if (section) void chrome.tabs.create({ url: chrome.runtime.getURL(`options.html#${section}`) });
  else void chrome.runtime.openOptionsPage();
  window.close();
}

async function render(): Promise<void> {
  const reply = await call({ type: 'ui.status' });
  byId('loading').hidden = true;
  if (!reply.ok) {
    say(byId('error'), errorText(reply.error), 'error');
    return;
  }
  const status = readStatus(reply.value);

  const hostBody = byId('host-body');
  clear(hostBody);
  hostBody.append(hostStatusView(status, false));
  byId('host').hidden = false;

  byId('profile-line').textContent = profileLine(status.profile);
  byId('setup-profile').hidden = status.profile.present;
  byId('profile').hidden = false;

  const spend = spendLine(status.spend);
  if (spend) {
    const body = byId('spend-body');
    clear(body);
    body.append(toneLine(spend.tone, spend.text));
    byId('spend').hidden = false;
  }
  byId('core-line').textContent = coreLine(status.core);
}

byId('open-settings').addEventListener('click', () => openOptions());
byId('setup-profile').addEventListener('click', () => openOptions('profile'));
void render();
