// core.score_25_wasm_ms: 25 full postings scored through the WebAssembly module's JSON API
// (jl_score_jobs), timed from JavaScript objects in to JavaScript objects out, cache misses (every run
// uses new job ids). The extension's card bursts take the lighter jl_page_cards path; this is the
// whole-posting worst case.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadForNode } from '../../wasm/loader.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const core = await loadForNode(join(root, 'build', 'wasm'));
core.setProfile(JSON.parse(readFileSync(join(root, 'examples', 'profile.json'), 'utf8')));
const corpus = readFileSync(join(root, 'tests', 'corpus', 'postings.jsonl'), 'utf8')
  .split('\n').filter(Boolean).map((line) => JSON.parse(line));
const batch = (run) => corpus.slice(0, 25).map(({ expected, ...job }, i) => ({ ...job, id: `${run}-${i}` }));

for (let run = 0; run < 60; run++) core.scoreJobs(batch(`warm${run}`));
const times = [];
for (let run = 0; run < 31; run++) {
  const jobs = batch(run);
  const start = performance.now();
  core.scoreJobs(jobs);
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
console.log(`core.score_25_wasm_ms: ${times[times.length >> 1].toFixed(3)} ms`);
