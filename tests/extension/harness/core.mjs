// The core, independently of the extension: the same WASM module loaded in node (wasm/loader.mjs),
// used to compute what a badge or panel should say for the exact job JSON the background scored.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadForNode } from '../../../wasm/loader.mjs';
import { ROOT } from './harness.mjs';

let corePromise = null;
let currentProfile = null;

export async function nodeCore(profile) {
  if (!corePromise) corePromise = loadForNode(path.join(ROOT, 'build/wasm'));
  const core = await corePromise;
  const p = typeof profile === 'string' ? JSON.parse(await readFile(profile, 'utf8')) : profile;
  const key = JSON.stringify(p);
  if (key !== currentProfile) { core.setProfile(p); currentProfile = key; }
  return core;
}

/**
 * Scores jobs one at a time (a failing job does not hide the others). Returns results in order;
 * each is the core's result object or {error}. A job with a description is a posting (scoreJobs);
 * one without is a card (scoreCards, the core's card scoring), as the background does.
 */
export async function scoreWithNode(profile, jobs, nowMs = Date.now()) {
  const core = await nodeCore(profile);
  return jobs.map((job) => {
    try {
      const posting = typeof job?.description === 'string' && job.description.length > 0;
      if (!posting && typeof core.scoreCards !== 'function') throw Object.assign(new Error('wasm/loader.mjs has no scoreCards'), { code: 0, codeName: 'harness' });
      return (posting ? core.scoreJobs([job], nowMs) : core.scoreCards([job], nowMs))[0];
    } catch (e) {
      return { error: { code: e.code, name: e.codeName, message: e.message } };
    }
  });
}
