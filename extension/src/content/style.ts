// Overlay CSS and theme. The page's CSP (style-src without 'unsafe-inline') may block <style>
// elements, so the CSS goes in through constructable stylesheets (adoptedStyleSheets), which CSP does
// not govern. A <style> in the shadow root is only the fallback for engines whose content-script
// sandbox rejects a sheet constructed in it (older Firefox); extension-injected inline styles are
// exempt from page CSP there.
const BADGE_CSS = `
:host{all:initial;display:inline-block;position:relative;margin:4px 8px;vertical-align:middle;z-index:2;font:600 12px/1.2 system-ui,sans-serif}
:host([data-hidden-shown]){opacity:.55}
.b{display:inline-flex;align-items:center;gap:4px;padding:2px 8px;border-radius:10px;color:#111;background:#ddd;border:1px solid rgba(0,0,0,.25);cursor:default}
.b::before{content:"JL";font-size:9px;opacity:.7}
:host(:focus){outline:none}
:host(:hover),:host(:focus){z-index:1000}
:host(:focus-visible) .b{outline:2px solid #0a66c2;outline-offset:2px}
.t{display:none;position:absolute;top:calc(100% + 4px);left:0;width:max-content;max-width:320px;padding:8px 10px;border-radius:6px;background:#fff;color:#1d1d1d;border:1px solid #8c8c8c;box-shadow:0 4px 12px rgba(0,0,0,.2);font-weight:400;z-index:10;white-space:normal}
:host(:hover) .t,:host(:focus) .t{display:block}
.t p{margin:0 0 4px}.t ul{margin:4px 0 0;padding-left:16px}
:host([data-theme=dark]) .t{background:#1d2226;color:#e9e9e9;border-color:#5c5c5c}
`;

const PANEL_CSS = `
:host([hidden]),[hidden]{display:none!important}
:host{all:initial;position:fixed;right:16px;bottom:16px;z-index:2147483000;font:13px/1.4 system-ui,sans-serif}
.p{width:320px;max-height:70vh;display:flex;flex-direction:column;background:#fff;color:#1d1d1d;border:1px solid #8c8c8c;border-radius:8px;box-shadow:0 6px 24px rgba(0,0,0,.25)}
:host([data-theme=dark]) .p{background:#1d2226;color:#e9e9e9;border-color:#5c5c5c}
header{display:flex;align-items:center;gap:8px;padding:6px 8px;flex-wrap:wrap}
button{font:inherit;color:inherit;background:transparent;border:1px solid currentColor;border-radius:12px;padding:2px 10px;cursor:pointer}
button:focus-visible{outline:2px solid #0a66c2;outline-offset:2px}
.tog{border:0;font-weight:700;padding:2px 4px}
.sc{display:inline-block;min-width:28px;text-align:center;padding:1px 6px;border-radius:10px;color:#111;background:#ddd;font-weight:700}
.hc{font-size:12px;opacity:.85}
.bd{overflow:auto;padding:0 12px 10px}
.bd[hidden]{display:none}
h3{font-size:12px;margin:10px 0 2px;text-transform:uppercase;letter-spacing:.03em;opacity:.8}
ul{margin:0;padding-left:18px}
.fit li span{opacity:.8}
.muted{opacity:.7;font-style:italic}
.ai{white-space:pre-wrap}
`;

const cache = new Map<string, CSSStyleSheet | null>();

function sheet(css: string): CSSStyleSheet | null {
  if (!cache.has(css)) {
    let s: CSSStyleSheet | null = null;
    try { s = new CSSStyleSheet(); s.replaceSync(css); } catch { s = null; }
    cache.set(css, s);
  }
  return cache.get(css)!;
}

function adopt(root: ShadowRoot, css: string): void {
  const s = sheet(css);
  if (s) {
    try { root.adoptedStyleSheets = [s]; return; } catch { /* fall through to <style> */ }
  }
  const el = root.ownerDocument.createElement('style');
  el.textContent = css;
  root.append(el);
}

export const adoptBadge = (root: ShadowRoot) => adopt(root, BADGE_CSS);
export const adoptPanel = (root: ShadowRoot) => adopt(root, PANEL_CSS);

// LinkedIn marks its dark theme with classes on <html> (theme--dark, and theme--dark-lix while the
// theme is behind a flag); an explicit theme--light wins over the OS. With no theme class, follow the
// OS preference.
export function isDark(cls: DOMTokenList | null, prefersDark: boolean): boolean {
  if (cls?.contains('theme--dark') || cls?.contains('theme--dark-lix')) return true;
  if (cls?.contains('theme--light')) return false;
  return prefersDark;
}
