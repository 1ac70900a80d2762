#!/usr/bin/env node
// Runs the extension's TypeScript unit tests: each tests/extension/unit/*.test.ts is bundled by esbuild
// (the same compiler the extension ships with) into build/extension-tests/ and run by node's test
// runner. Exit code: node --test's.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const out = path.join(root, 'build', 'extension-tests');

const tests = (await readdir(here)).filter((f) => f.endsWith('.test.ts')).sort();
await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
await Promise.all(tests.map((f) => build({
  entryPoints: [path.join(here, f)],
  outfile: path.join(out, f.replace(/\.ts$/, '.mjs')),
  bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning',
  external: ['node:*'],
})));
const run = spawnSync(process.execPath, ['--test', ...tests.map((f) => path.join(out, f.replace(/\.ts$/, '.mjs')))],
  { stdio: 'inherit' });
process.exit(run.status ?? 1);
