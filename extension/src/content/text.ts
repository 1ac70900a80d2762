// Description text without innerText: innerText forces a style and layout pass, which we must not do
// on every mutation. textContent glues "<li>Go</li><li>Rust</li>" into "GoRust", and the core needs
// line breaks to find headings and list items, so this walks the nodes and adds a newline around
// block elements. Iterative (descriptions can nest deeply) and capped.
export interface NodeLike {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly nodeValue: string | null;
  readonly childNodes: ArrayLike<NodeLike>;
}

const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'FOOTER',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TR', 'UL',
]);
// Never part of the text (LinkedIn keeps JSON and templates in code/script elements).
const SKIP = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'CODE']);

export function blockText(root: NodeLike, cap: number): string {
  const out: string[] = [];
  let len = 0;
  const push = (s: string) => { out.push(s); len += s.length; };
  const nl = () => { if (out.length && !out[out.length - 1].endsWith('\n')) push('\n'); };
  // Stack of nodes to visit; a null entry marks "leaving a block element".
  const stack: (NodeLike | null)[] = [root];
  while (stack.length && len < cap) {
    const n = stack.pop()!;
    if (n === null) { nl(); continue; }
    if (n.nodeType === 3) { if (n.nodeValue) push(n.nodeValue); continue; }
    if (n.nodeType !== 1 && n.nodeType !== 11) continue;
    // XHTML pages (E4) report lower-case node names.
    const name = n.nodeName.toUpperCase();
    if (SKIP.has(name)) continue;
    const block = BLOCK.has(name);
    if (block) { nl(); stack.push(null); }
    const kids = n.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  const s = out.join('').replace(/[ \t\r\f\v]*\n[\s]*/g, '\n').replace(/^\n+|\n+$/g, '');
  return s.length > cap ? s.slice(0, cap) : s;
}
