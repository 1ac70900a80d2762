// The Selector health section: one table per recent page (from the extension's own records), then
// the host's totals per layout when the host is there. Rows come from logic/health_rows.ts.
import { call } from '../common/rpc';
import { byId, clear, h, toneLine } from '../common/dom';
import { alertSummary, hostGroups, pageRows, pageTime, type HealthRow } from '../logic/health_rows';
import { readHealth } from '../logic/shapes';
import { errorText } from '../logic/status_text';

function table(caption: string, rows: readonly HealthRow[], missLabel: string): HTMLElement {
  const body = h('tbody');
  for (const r of rows) {
    body.append(h('tr', { class: r.alert ? 'alert' : '' },
      h('th', { scope: 'row' },
        r.alert ? h('span', { class: 'mark', 'aria-label': 'required field missed' }, '✕ ') : null,
        r.field, r.required ? h('span', { class: 'tag' }, 'required') : null),
      h('td', { class: 'num' }, String(r.hits)),
      h('td', { class: 'num' }, String(r.misses)),
      h('td', { class: 'num' }, r.firstChoice)));
  }
  return h('table', { class: 'health' },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Field'), h('th', { scope: 'col', class: 'num' }, 'Found'),
      h('th', { scope: 'col', class: 'num' }, missLabel), h('th', { scope: 'col', class: 'num' }, 'First choice'))),
    body);
}

async function refresh(): Promise<void> {
  const out = byId('health-body');
  const reply = await call({ type: 'ui.health' });
  clear(out);
  if (!reply.ok) {
    out.append(toneLine('error', errorText(reply.error)));
    return;
  }
  const health = readHealth(reply.value);

  out.append(h('h2', {}, 'Recent pages'));
  if (health.pages.length === 0) {
    out.append(h('p', { class: 'hint' }, 'No LinkedIn job pages read yet. Open linkedin.com/jobs and come back.'));
  }
  for (const page of health.pages) {
    const rows = pageRows(page);
    const bad = rows.some((r) => r.alert);
    out.append(h('div', { class: 'card' },
      h('h3', {}, `Layout ${page.layout || 'unknown'} · ${pageTime(page.at)}`),
      h('p', { class: 'hint url' }, page.url, page.rules_version ? ` · rules ${page.rules_version}` : ''),
      toneLine(bad ? 'error' : 'ok', alertSummary(rows)),
      table(`Fields read on this page`, rows, 'Missed')));
  }

  out.append(h('h2', {}, 'All pages, from the host'));
  if (!health.host) {
    out.append(h('p', { class: 'hint' }, 'The host is not connected, so totals across earlier visits are not available.'));
    return;
  }
  const groups = hostGroups(health.host.fields);
  if (groups.length === 0) out.append(h('p', { class: 'hint' }, 'The host has no selector reports yet.'));
  for (const g of groups) {
    const bad = g.rows.some((r) => r.alert);
    out.append(h('div', { class: 'card' },
      h('h3', {}, `Layout ${g.layout || 'unknown'}`),
      toneLine(bad ? 'error' : 'ok', alertSummary(g.rows)),
      table(`Totals for layout ${g.layout || 'unknown'}`, g.rows, 'Failed')));
  }
}

export function initHealth(): void {
  byId('health-refresh').addEventListener('click', () => void refresh());
  void refresh();
}
