// A minimal chrome.* for background unit tests: storage.local in memory and a manifest. Imported first
// by each test that needs it (imports run in order).
const store = new Map<string, unknown>();
export const fakeStorage = store;
(globalThis as unknown as { chrome: unknown }).chrome = {
  storage: {
    local: {
      get: async (key: string | null) =>
        key === null ? Object.fromEntries([...store].map(([k, v]) => [k, structuredClone(v)]))
          : store.has(key) ? { [key]: structuredClone(store.get(key)) } : {},
      remove: async (key: string) => { store.delete(key); },
      set: async (items: Record<string, unknown>) => {
        for (const [k, v] of Object.entries(items)) store.set(k, structuredClone(v));
      },
    },
  },
  runtime: {
    id: 'cogkllkoklmdkhbmepoennlndflfccjn',
    getURL: (p: string) => `chrome-extension://cogkllkoklmdkhbmepoennlndflfccjn/${p}`,
    getManifest: () => ({
      version: '0.1.0',
      content_scripts: [{ matches: ['https://*.linkedin.com/jobs/*', 'http://127.0.0.1/*'], js: ['content.js'] }],
    }),
  },
};
