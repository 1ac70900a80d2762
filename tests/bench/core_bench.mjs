// The core group of scripts/bench: one benchmark program (tests/bench/core_bench.cpp) run natively
// (build/bin/joblens_bench), compiled to WebAssembly in Debian's Chromium, where the extension runs
// the core (build/wasm/bench-web/, a page served from 127.0.0.1), and under node, where the CLI's
// WebAssembly build runs (build/wasm/bin/joblens_bench.js). Prints `name: value unit` lines.
//
// The three run in turn seven times and the fastest run of each counts: the development machine
// changes speed for seconds at a time, by up to 2x, and a ratio of two runs taken at different speeds
// says nothing (docs/benchmarks.md).
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CHROMIUM = process.env.JOBLENS_CHROMIUM || '/usr/bin/chromium';
const WEB_DIR = path.join(ROOT, 'build/wasm/bench-web');
const ROUNDS = 7;
const run = promisify(execFile);

/** `name: value unit` lines into { name: number }. */
function figures(text) {
  const out = {};
  for (const line of text.split('\n')) {
    const m = /^(\w+): ([\d.]+) /.exec(line);
    if (m) out[m[1]] = Number(m[2]);
  }
  return out;
}

async function runProgram(file, args = []) {
  const { stdout } = await run(file, args, { cwd: ROOT, maxBuffer: 1 << 20 });
  return figures(stdout);
}

// The page and its two files. Cross-origin isolation gives performance.now() its finer resolution.
const PAGES = {
  '/': ['text/html', async () => `<!doctype html><script>
    window.benchLines = [];
    var Module = {
      print: (t) => benchLines.push(t),
      printErr: (t) => benchLines.push(t),
      onExit: (code) => { window.benchExit = code; },
      onAbort: (what) => { window.benchExit = 'abort: ' + what; },
    };
  </script><script src="joblens_bench.js"></script>`],
  '/joblens_bench.js': ['text/javascript', () => readFile(path.join(WEB_DIR, 'joblens_bench.js'))],
  '/joblens_bench.wasm': ['application/wasm', () => readFile(path.join(WEB_DIR, 'joblens_bench.wasm'))],
};

function serve() {
  const server = http.createServer(async (req, res) => {
    const page = PAGES[req.url];
    if (!page) return res.writeHead(404).end();
    res.writeHead(200, {
      'content-type': page[0],
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
    });
    res.end(await page[1]());
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function runInChromium(browser, url) {
  const page = await browser.newPage();
  try {
    await page.goto(url);
    await page.waitForFunction(() => window.benchExit !== undefined, null, { timeout: 120000 });
    const [code, lines] = await page.evaluate(() => [window.benchExit, window.benchLines]);
    if (code !== 0) throw new Error(`the benchmark page exited with ${code}: ${lines.join(' | ')}`);
    return figures(lines.join('\n'));
  } finally {
    await page.close();
  }
}

const server = await serve();
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const runs = { native: [], chromium: [], node: [] };
try {
  const url = `http://127.0.0.1:${server.address().port}/`;
  for (let round = 0; round < ROUNDS; round++) {
    runs.native.push(await runProgram(path.join(ROOT, 'build/bin/joblens_bench')));
    runs.chromium.push(await runInChromium(browser, url));
    runs.node.push(await runProgram(process.execPath, [path.join(ROOT, 'build/wasm/bin/joblens_bench.js')]));
  }
} finally {
  await browser.close();
  server.close();
}

// Per side: the fastest run's time and throughput (the machine at its least disturbed), and the
// median linearity ratio (a ratio within one run; the lowest of seven would flatter it).
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const summary = (list) => ({
  score_5kb_us: Math.min(...list.map((f) => f.score_5kb_us)),
  extract_mb_s: Math.max(...list.map((f) => f.extract_mb_s)),
  linearity_ratio: median(list.map((f) => f.linearity_ratio)),
});
const [native, web, node] = [summary(runs.native), summary(runs.chromium), summary(runs.node)];
const line = (name, value, unit, digits = 2) => console.log(`${name}: ${value.toFixed(digits)} ${unit}`);
line('core.score_5kb_us', native.score_5kb_us, 'us');
line('core.score_5kb_wasm_us', web.score_5kb_us, 'us');
line('core.wasm_native_ratio', web.score_5kb_us / native.score_5kb_us, 'ratio');
line('core.score_5kb_wasm_node_us', node.score_5kb_us, 'us');
line('core.wasm_node_native_ratio', node.score_5kb_us / native.score_5kb_us, 'ratio');
line('core.extract_mb_s', native.extract_mb_s, 'MB/s', 1);
line('core.extract_wasm_mb_s', web.extract_mb_s, 'MB/s', 1);
line('core.linearity_ratio', native.linearity_ratio, 'ratio', 3);
line('core.linearity_wasm_ratio', web.linearity_ratio, 'ratio', 3);
