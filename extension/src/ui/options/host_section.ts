// The Host section: connection, version, queue and spend from ui.status, and when the host is
// missing, the install command plus the register command for every browser.
import { call } from '../common/rpc';
import { byId, clear, toneLine } from '../common/dom';
import { hostStatusView } from '../common/host_view';
import { readStatus } from '../logic/shapes';
import { coreLine, errorText, profileLine } from '../logic/status_text';

async function refresh(): Promise<void> {
  const body = byId('host-body');
  const button = byId<HTMLButtonElement>('host-recheck');
  button.disabled = true;
  const reply = await call({ type: 'ui.status' });
  button.disabled = false;
  clear(body);
  if (!reply.ok) {
    body.append(toneLine('error', errorText(reply.error)));
    return;
  }
  const status = readStatus(reply.value);
  body.append(hostStatusView(status, true));
  byId('host-profile').textContent = `Profile: ${profileLine(status.profile)}`;
  byId('host-core').textContent = coreLine(status.core);
}

export function initHost(): void {
  byId('host-recheck').addEventListener('click', () => void refresh());
  void refresh();
}
