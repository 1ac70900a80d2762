// The host's status as DOM, shared by the popup (compact) and the options page's Host section
// (with every browser's register command). Words come from logic/status_text.ts.
import { h } from './dom';
import { commandBlock, toneLine } from './dom';
import type { StatusResult } from '../logic/shapes';
import { hostLine, needsInstall, queueLine, spendLine } from '../logic/status_text';
import { BROWSER_NAMES, browsersFirst, guessBrowser, registerCommand, safeHttpUrl } from '../logic/install_text';

export function currentBrowser() {
  const nav = navigator as Navigator & { brave?: unknown; userAgentData?: { brands?: { brand: string }[] } };
  const brands = (nav.userAgentData?.brands ?? []).map((b) => b.brand);
  return guessBrowser(navigator.userAgent, brands, nav.brave !== undefined);
}

function docsLink(status: StatusResult): HTMLElement | null {
  const href = safeHttpUrl(status.install.docs);
  if (!href) return null;
  return h('p', {}, h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, 'Installation guide'));
}

export function hostStatusView(status: StatusResult, detailed: boolean): HTMLElement {
  const box = h('div', { class: 'host-status' });
  const line = hostLine(status.host);
  box.append(toneLine(line.tone, line.text));
  const queue = queueLine(status.host.queued);
  if (queue) box.append(toneLine('warn', queue));
  const spend = spendLine(status.spend);
  if (spend && detailed) box.append(toneLine(spend.tone, spend.text));
  if (!needsInstall(status.host)) return box;

  if (status.install.command) {
    box.append(h('p', {}, 'Install it with:'), commandBlock(status.install.command));
  }
  if (detailed) {
    const browser = currentBrowser();
    box.append(h('p', {}, 'Then register it with each browser you use (run once per browser; ',
      'this browser looks like ', BROWSER_NAMES[browser], '):'));
    const list = h('ul', { class: 'plain' });
    for (const b of browsersFirst(browser)) {
      list.append(h('li', {}, h('span', { class: 'browser-name' }, BROWSER_NAMES[b]), commandBlock(registerCommand(b))));
    }
    box.append(list,
      h('p', { class: 'hint' }, 'Then reload the extension or restart the browser (some browsers remember a failed lookup). ',
        'If something still fails, ', h('code', {}, 'joblens-host doctor'), ' checks every browser and prints a fix.'));
  }
  const docs = docsLink(status);
  if (docs) box.append(docs);
  return box;
}
