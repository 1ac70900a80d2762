// What the panel shows of the host's llm.analyze reply.
import type { AnalysisReply } from '../common/messages';

interface AnalyzeReply {
  state?: string;
  offline?: boolean;
  reason?: string;
  provider?: string;
  model?: string;
  cached?: boolean;
  result?: { summary?: unknown; red_flags?: unknown };
}

// llm.analyze answers at once: the model's analysis when it is done, else the core's offline one and
// the state of the task bringing the model's (docs/protocol.md#llmanalyze). The panel shows either,
// and says which it is.
export function llmAnalysis(reply: unknown): NonNullable<AnalysisReply['llm']> {
  const r = (reply ?? {}) as AnalyzeReply;
  const summary = typeof r.result?.summary === 'string' ? r.result.summary : '';
  const flags = Array.isArray(r.result?.red_flags) ? r.result!.red_flags.filter((f): f is string => typeof f === 'string') : [];
  const pending = r.state === 'queued' || r.state === 'running';
  const source = r.offline
    ? `JobLens offline analysis${pending ? ' (AI analysis on its way…)' : r.reason ? ` (${r.reason})` : ''}`
    : `${r.provider ?? 'AI'} · ${r.model ?? ''}${r.cached ? ' (cached)' : ''}`;
  return { summary: flags.length ? `${summary} Red flags: ${flags.join('; ')}` : summary, provider: source, pending, offline: r.offline === true };
}
