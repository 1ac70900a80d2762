// Every message from a content script or an extension page is checked before it is acted on: who sent
// it (our own content script on a page the manifest matches, or our own pages) and its shape
// (DESIGN.md decision 8). Shapes are tables of field checks, one row per message type.
import { codedError } from './errors';

// chrome match pattern -> RegExp (https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns).
// Match patterns ignore the port, so "http://127.0.0.1/*" matches the test server on any port.
export function matchPatternToRegExp(pattern: string): RegExp {
  const m = /^(\*|https?):\/\/(\*|\*\.[^/*]+|[^/*]+)(\/.*)$/.exec(pattern);
  if (!m) throw new Error(`unsupported match pattern ${pattern}`);
  const [, scheme, host, path] = m;
  const esc = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  const schemeRe = scheme === '*' ? 'https?' : scheme;
  const hostRe = host === '*' ? '[^/]+' : host.startsWith('*.') ? `([^/]+\\.)?${esc(host.slice(2))}` : esc(host);
  const pathRe = path.split('*').map(esc).join('.*');
  return new RegExp(`^${schemeRe}://${hostRe}(:\\d+)?${pathRe}$`);
}

let pagePatterns: RegExp[] | null = null;
function allowedPagePatterns(): RegExp[] {
  pagePatterns ??= (chrome.runtime.getManifest().content_scripts ?? [])
    .flatMap((cs) => cs.matches ?? [])
    .map(matchPatternToRegExp);
  return pagePatterns;
}

export function isAllowedPageUrl(url: string | undefined): boolean {
  return typeof url === 'string' && allowedPagePatterns().some((re) => re.test(url));
}

export function checkPageSender(sender: chrome.runtime.MessageSender | undefined): number {
  if (!sender || sender.id !== chrome.runtime.id) throw codedError('sender_forbidden', 'not this extension');
  const tabId = sender.tab?.id;
  if (tabId === undefined) throw codedError('sender_forbidden', 'page messages must come from a tab');
  if (!isAllowedPageUrl(sender.url)) throw codedError('sender_forbidden', `page not allowed: ${sender.url ?? '?'}`);
  return tabId;
}

export function checkUiSender(sender: chrome.runtime.MessageSender): void {
  const ours = chrome.runtime.getURL('');
  if (sender.id !== chrome.runtime.id || !sender.url?.startsWith(ours))
    throw codedError('sender_forbidden', 'settings messages must come from the extension’s own pages');
}

// ---- shapes -------------------------------------------------------------------------------------

type Check = (v: unknown) => boolean;
const isString = (max: number): Check => (v) => typeof v === 'string' && v.length <= max;
const isNumber: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const isObject: Check = (v) => !!v && typeof v === 'object' && !Array.isArray(v);
const optional = (c: Check): Check => (v) => v === undefined || c(v);
const arrayOf = (c: Check, max: number): Check => (v) => Array.isArray(v) && v.length <= max && v.every(c);

// raw fields: {field: [[string...]...]}: at most 16 fields, 12 steps, 8 strings per step.
const rawFields = (maxString: number): Check => (v) =>
  isObject(v) && Object.keys(v as object).length <= 16 &&
  Object.values(v as object).every(arrayOf(arrayOf(isString(maxString), 8), 12));

const CARD_STRING = 4_000;
const DESCRIPTION = 200_000;
const URL_MAX = 4_000;

export const SHAPES: Record<string, Record<string, Check>> = {
  'page.hello': { id: isNumber, url: isString(URL_MAX) },
  'page.layout': { id: isNumber, url: isString(URL_MAX), signals: arrayOf(isString(64), 64) },
  'page.cards': {
    id: isNumber, url: isString(URL_MAX), layout: isString(16),
    cards: arrayOf((c) => isObject(c) && isString(64)((c as { key: unknown }).key) &&
                           rawFields(CARD_STRING)((c as { raw: unknown }).raw), 200),
  },
  'page.detail': {
    id: isNumber, url: isString(URL_MAX), layout: isString(16), job_id: isString(64),
    raw: rawFields(DESCRIPTION), card: optional(isObject), document_title: optional(isString(1_000)),
  },
  'page.analysis': { id: isNumber, job_id: isString(64) },
  'page.ping': { id: isNumber, upsert: optional(isNumber) },
  'ui.status': {},
  'ui.profile.get': {},
  'ui.profile.put': { profile: isObject },
  'ui.resume.import': { filename: isString(255), data_base64: isString(30_000_000) },
  'ui.settings.get': {},
  'ui.settings.put': { settings: isObject },
  'ui.llm.get': {},
  'ui.llm.put': { llm: isObject },
  'ui.health': {},
};

// Returns the message typed as T, or throws bad_message naming the first field that is wrong.
export function checkShape<T extends { type: string }>(message: unknown, prefix: 'page.' | 'ui.'): T {
  if (!isObject(message)) throw codedError('bad_message', 'a message must be an object');
  const m = message as Record<string, unknown>;
  const type = m.type;
  if (typeof type !== 'string' || !type.startsWith(prefix) || !(type in SHAPES))
    throw codedError('bad_message', `unknown message type ${String(type)}`);
  for (const [field, check] of Object.entries(SHAPES[type]))
    if (!check(m[field])) throw codedError('bad_message', `${type}: field ${field} is missing or malformed`);
  return message as T;
}
