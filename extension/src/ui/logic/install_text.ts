// What to run to register the host with each browser (docs/installer.md). The guess of the current
// browser only decides which line is shown first; every line is always listed.

export const BROWSERS = ['chrome', 'chromium', 'edge', 'brave', 'firefox'] as const;
export type Browser = (typeof BROWSERS)[number];
export const BROWSER_NAMES: Record<Browser, string> = {
  chrome: 'Google Chrome', chromium: 'Chromium', edge: 'Microsoft Edge', brave: 'Brave', firefox: 'Firefox',
};

export function registerCommand(b: Browser): string {
  return `joblens-host install --browser ${b}`;
}

// The user agent string cannot tell Chrome, Chromium and Brave apart, so the brand list of
// navigator.userAgentData (Chromium family only) decides when present; Brave adds navigator.brave.
export function guessBrowser(userAgent: string, brands: readonly string[], isBrave: boolean): Browser {
  if (/Firefox\//.test(userAgent)) return 'firefox';
  if (/Edg\//.test(userAgent) || brands.includes('Microsoft Edge')) return 'edge';
  if (isBrave || brands.includes('Brave')) return 'brave';
  if (brands.includes('Google Chrome')) return 'chrome';
  if (brands.includes('Chromium')) return 'chromium';
  return 'chrome';
}

export function browsersFirst(current: Browser): Browser[] {
  return [current, ...BROWSERS.filter((b) => b !== current)];
}

// Only http(s) links from the background are made clickable: the docs address is data, and a
// javascript: or data: URL in an href would run or load in the extension's own origin.
export function safeHttpUrl(s: string): string | null {
  try {
    const u = new URL(s);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}
