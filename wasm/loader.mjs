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
    const heap = m.HEAPU8;
    const text = decoder.decode(heap.subarray(reply, heap.indexOf(0, reply)));
    m._jl_free(reply);
    const value = JSON.parse(text);
    if (value.error) throw new JobLensError(value.error);
    return value;
  }

  init() { return this.call('jl_init'); }
  setProfile(profile) { return this.call('jl_set_profile', JSON.stringify(profile)); }
  scoreJobs(jobs, nowMs = Date.now()) { return this.call('jl_score_jobs', JSON.stringify(jobs), nowMs).results; }
  extractSkills(text) { return this.call('jl_extract_skills', text); }
  cacheStats() { return this.call('jl_cache_stats'); }
  scoreCards(jobs, nowMs = Date.now()) { return this.call('jl_score_cards', JSON.stringify(jobs), nowMs).results; }

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
