// JavaScript face of the core's WebAssembly module (build/wasm/joblens-core.mjs).
//
// The same loader serves the extension's background (pass nothing: the module fetches its .wasm next
// to itself) and node (pass the .wasm bytes as `wasmBinary`: node's fetch cannot read files).
// Every call passes JSON in and parses JSON out; an {"error"} reply becomes a thrown JobLensError.

export class JobLensError extends Error {
  constructor({ code, name, message }) {
    super(message);
    this.code = code;
    this.codeName = name;
  }
}

const encoder = new TextEncoder();
// The fields of a job in the order of the module's field table (model::JobField, wasm/job_table.cpp).
const JOB_FIELDS = ['id', 'title', 'company', 'location', 'description', 'salary', 'url', 'workplace', 'employment_type'];
const WORDS_PER_JOB = 1 + 3 * JOB_FIELDS.length;
const decoder = new TextDecoder();

export class JobLensCore {
  static async create(createModule, options = {}) {
    const module = await createModule(options);
    const core = new JobLensCore(module);
    core.init();
    return core;
  }

  constructor(module) {
    this.module = module;
  }

  // Calls an export that takes strings (and numbers) and returns a malloc'ed JSON string.
  // Strings cross with TextEncoder.encodeInto and TextDecoder over the module's memory: Emscripten's
  // stringToUTF8 and UTF8ToString walk the text one character at a time in JavaScript, which cost
  // more than scoring a burst of cards (docs/benchmarks.md).
  call(name, ...args) {
    const m = this.module;
    const allocated = [];
    const native = args.map((arg) => {
      if (typeof arg !== 'string') return arg;
      const capacity = arg.length * 3 + 1;  // UTF-16 code unit -> at most 3 UTF-8 bytes
      const pointer = m._malloc(capacity);
      allocated.push(pointer);
      const heap = m.HEAPU8;  // read after malloc: a memory growth replaces the view
      const { written } = encoder.encodeInto(arg, heap.subarray(pointer, pointer + capacity - 1));
      heap[pointer + written] = 0;
      return pointer;
    });
    let reply;
    try {
      reply = m[`_${name}`](...native);
    } finally {
      allocated.forEach((pointer) => m._free(pointer));
    }
    return this.reply(reply);
  }

  // Parses (and frees) a reply; an {"error"} reply throws.
  reply(pointer) {
    const m = this.module;
    const heap = m.HEAPU8;
    const text = decoder.decode(heap.subarray(pointer, heap.indexOf(0, pointer)));
    m._jl_free(pointer);
    const value = JSON.parse(text);
    if (value.error) throw new JobLensError(value.error);
    return value;
  }

  // Scores an array of jobs through jl_score_job_table: each field's text is encoded straight into
  // the module's memory and a table says where (layout: wasm/job_table.cpp), instead of a
  // JSON.stringify here and a parse there. The module checks every job by the rules of JSON jobs;
  // anything but an array goes the JSON way, for the module's own error.
  scoreTable(jobs, nowMs, shape) {
    if (!Array.isArray(jobs)) return this.call(shape ? 'jl_score_cards' : 'jl_score_jobs', JSON.stringify(jobs), nowMs).results;
    const m = this.module;
    const fields = jobs.length * JOB_FIELDS.length;
    const kinds = new Uint8Array(fields);
    const texts = new Array(fields);
    const objects = jobs.map((job) => typeof job === 'object' && job !== null && !Array.isArray(job));
    let capacity = 4 * (1 + jobs.length * WORDS_PER_JOB);
    jobs.forEach((job, j) => {
      if (!objects[j]) return;
      JOB_FIELDS.forEach((name, f) => {
        const value = job[name];
        const k = j * JOB_FIELDS.length + f;
        if (value === undefined || value === null) return;  // kind 0: absent
        if (typeof value === 'string') [kinds[k], texts[k]] = [1, value];
        else if (Number.isInteger(value) && Math.abs(value) < 2 ** 63) [kinds[k], texts[k]] = [2, String(value)];
        else kinds[k] = 3;
        if (texts[k] !== undefined) capacity += texts[k].length * 3;  // UTF-16 code unit -> at most 3 bytes
      });
    });
    const base = m._malloc(capacity);
    let reply;
    try {
      const heap = m.HEAPU8;  // read after malloc: a memory growth replaces the view
      const words = new Uint32Array(heap.buffer, base, 1 + jobs.length * WORDS_PER_JOB);
      words[0] = jobs.length;
      let at = words.byteLength;
      jobs.forEach((_job, j) => {
        const row = 1 + j * WORDS_PER_JOB;
        words[row] = objects[j] ? 1 : 0;
        for (let f = 0; f < JOB_FIELDS.length; f++) {
          const k = j * JOB_FIELDS.length + f;
          const w = row + 1 + 3 * f;
          words[w] = kinds[k];
          words[w + 1] = at;
          words[w + 2] = 0;
          if (texts[k] === undefined) continue;
          const { written } = encoder.encodeInto(texts[k], heap.subarray(base + at, base + capacity));
          words[w + 2] = written;
          at += written;
        }
      });
      reply = m._jl_score_job_table(base, capacity, nowMs, shape);
    } finally {
      m._free(base);
    }
    return this.reply(reply).results;
  }

  init() { return this.call('jl_init'); }
  setProfile(profile) { return this.call('jl_set_profile', JSON.stringify(profile)); }
  scoreJobs(jobs, nowMs = Date.now()) { return this.scoreTable(jobs, nowMs, 0); }
  extractSkills(text) { return this.call('jl_extract_skills', text); }
  cacheStats() { return this.call('jl_cache_stats'); }
  scoreCards(jobs, nowMs = Date.now()) { return this.scoreTable(jobs, nowMs, 1); }

  // The page adapter's calls (docs/extension.md): selector rules, layout detection, raw DOM reads to
  // fields, health and scores.
  rules() { return this.call('jl_rules'); }
  // Page text may hold lone UTF-16 surrogates, which no UTF-8 JSON parser accepts: made well-formed
  // (U+FFFD) here so one odd character cannot fail a whole batch.
  static pageJson(request) {
    return JSON.stringify(request, (_k, v) => (typeof v === 'string' && v.toWellFormed ? v.toWellFormed() : v));
  }
  detectLayout(url, signals) { return this.call('jl_detect_layout', JSON.stringify({ url, signals })); }
  pageCards(request, nowMs = Date.now()) { return this.call('jl_page_cards', JobLensCore.pageJson(request), nowMs).cards; }
  pageDetail(request, nowMs = Date.now()) { return this.call('jl_page_detail', JobLensCore.pageJson(request), nowMs); }
}

// Loads the module in node from build/wasm/.
export async function loadForNode(wasmDir) {
  const { readFile } = await import('node:fs/promises');
  const { pathToFileURL } = await import('node:url');
  const { default: createModule } = await import(pathToFileURL(`${wasmDir}/joblens-core.mjs`).href);
  const wasmBinary = await readFile(`${wasmDir}/joblens-core.wasm`);
  return JobLensCore.create(createModule, { wasmBinary });
}
