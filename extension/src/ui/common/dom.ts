// A tiny element builder. Text from data always goes in as text nodes (never innerHTML), so a
// company or profile name with markup in it is shown, not parsed.

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | boolean | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]):
  HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? '' : v);
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
}

export function clear(el: Element): void {
  el.replaceChildren();
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id} in the page`);
  return el as T;
}

// A command in a code block with a Copy button; the button says "Copied" briefly so keyboard and
// screen-reader users get feedback (the status span is aria-live).
export function commandBlock(command: string, label = 'Copy'): HTMLElement {
  const note = h('span', { class: 'copy-note', 'aria-live': 'polite' });
  const code = h('code', {}, command);
  const button = h('button', { type: 'button', class: 'small' }, label);
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(command);
      note.textContent = 'Copied';
    } catch {
      // Clipboard refused (no focus, policy): select the text so Ctrl+C works.
      const range = document.createRange();
      range.selectNodeContents(code);
      const sel = window.getSelection();
      sel?.removeAllRanges();
      sel?.addRange(range);
      note.textContent = 'Selected: press Ctrl+C to copy';
    }
    setTimeout(() => { note.textContent = ''; }, 2500);
  });
  return h('div', { class: 'command' }, h('pre', {}, code), h('div', { class: 'command-actions' }, button, note));
}

// A status line (ok / warn / error) as a paragraph with a text marker, not just colour.
export function toneLine(tone: 'ok' | 'warn' | 'error', text: string): HTMLElement {
  const mark = tone === 'ok' ? '✓' : tone === 'warn' ? '!' : '✕';
  return h('p', { class: `line tone-${tone}` }, h('span', { class: 'mark', 'aria-hidden': 'true' }, mark), ' ', text);
}

// Shows a message in a live region: role=status for progress, role=alert for failures.
export function say(region: HTMLElement, text: string, kind: 'info' | 'ok' | 'error' = 'info'): void {
  region.textContent = text;
  region.className = `notice notice-${kind}`;
  region.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  region.hidden = text === '';
}
