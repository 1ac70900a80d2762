// The job id a URL points at: the two-pane search's `currentJobId`, or the standalone
// /jobs/view/<id>/ and /jobs/view/<slug>-<id> forms (guest links carry the slug). The stale-pane
// guard compares the pane's own job id with this one (docs/selectors.md).
export function urlJobId(href: string): string | null {
  let u: URL;
  try { u = new URL(href); } catch { return null; }
  const q = u.searchParams.get('currentJobId');
  if (q && /^\d+$/.test(q)) return q;
  const m = /\/jobs\/view\/(?:[^/]*-)?(\d+)(?:\/|$)/.exec(u.pathname);
  return m ? m[1] : null;
}
