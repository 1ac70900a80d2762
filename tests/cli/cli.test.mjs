// The CLI, native and WebAssembly, and the WebAssembly module's API, run as a person would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadForNode } from '../../wasm/loader.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const native = join(root, 'build', 'bin', 'joblens');
const wasmCli = join(root, 'build', 'wasm', 'bin', 'joblens.js');
const profile = join(root, 'examples', 'profile.json');
const examples = join(root, 'examples', 'jobs.jsonl');
const corpus = join(root, 'tests', 'corpus', 'postings.jsonl');

const run = (command, args, input) =>
  spawnSync(command, args, { input, encoding: 'utf8', maxBuffer: 256 << 20 });
const joblens = (args, input) => run(native, args, input);
const joblensWasm = (args, input) => run('node', [wasmCli, ...args], input);
const lines = (text) => text.split('\n').filter(Boolean).map((l) => JSON.parse(l));

// A jobs file with every kind of bad line between two good ones.
function badInputFile() {
  const dir = mkdtempSync(join(tmpdir(), 'joblens-cli-'));
  const good = (id) => JSON.stringify({ id, title: 'Data Engineer', company: 'Acme', location: 'Lisbon, Portugal',
    description: 'We need Python, SQL and Apache Spark. Airflow is a plus.' });
  const path = join(dir, 'jobs.jsonl');
  const parts = [
    Buffer.from(good('first') + '\n'),
    Buffer.from('{"id": "broken", "title": \n'),
    Buffer.from(JSON.stringify({ id: 'no-description', title: 'T', company: 'C', location: 'L' }) + '\n'),
    Buffer.concat([Buffer.from('{"id": "latin1", "title": "Caf'), Buffer.from([0xe9]),
      Buffer.from('", "company": "C", "location": "L", "description": "D"}\n')]),
    Buffer.from('{"id": "huge", "description": "' + 'x'.repeat(50 * 1024 * 1024) + '"}\n'),
    Buffer.from('\n'),
    Buffer.from(good('last') + '\n'),
  ];
  writeFileSync(path, Buffer.concat(parts));
  return path;
}

test('score prints one line per job of the examples, in order, with the documented fields', () => {
  const result = joblens(['score', '--profile', profile, '--jobs', examples]);
  assert.equal(result.status, 0, result.stderr);
  const out = lines(result.stdout);
  const ids = readFileSync(examples, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).id);
  assert.deepEqual(out.map((r) => r.id), ids);
  for (const r of out) {
    for (const key of ['id', 'score', 'job_skills', 'matched_skills', 'missing_skills', 'reasons', 'badge'])
      assert.ok(key in r, `${key} in ${r.id}`);
    assert.ok(r.score >= 0 && r.score <= 100);
    for (const s of r.matched_skills) assert.ok(r.job_skills.includes(s));
    for (const s of r.missing_skills) assert.ok(r.job_skills.includes(s) && !r.matched_skills.includes(s));
    assert.equal(r.matched_skills.length + r.missing_skills.length, r.job_skills.length);
  }
  assert.ok(Math.max(...out.map((r) => r.score)) - Math.min(...out.map((r) => r.score)) >= 40,
    'the examples span good and poor matches');
});

test('bad lines become error lines naming the line; the others are still scored; exit code 1', () => {
  const result = joblens(['score', '--profile', profile, '--jobs', badInputFile()]);
  assert.equal(result.status, 1);
  const out = lines(result.stdout);
  assert.deepEqual(out.map((r) => r.id ?? `line ${r.line}`),
    ['first', 'line 2', 'no-description', 'line 4', 'line 5', 'last']);
  assert.deepEqual(out.filter((r) => r.error).map((r) => [r.line, r.error.name]),
    [[2, 'invalid_json'], [3, 'missing_field'], [4, 'invalid_utf8'], [5, 'too_large']]);
  assert.ok(out[0].score > 0 && out[5].score === out[0].score);
  for (const n of [2, 3, 4, 5]) assert.match(result.stderr, new RegExp(`jobs\\.jsonl:${n}: `));
});

test('usage errors exit 2 with a message', () => {
  assert.equal(joblens(['score']).status, 2);
  assert.equal(joblens(['frobnicate']).status, 2);
  const dir = mkdtempSync(join(tmpdir(), 'joblens-cli-'));
  writeFileSync(join(dir, 'p.json'), '{"remote": 3}');
  const bad = joblens(['score', '--profile', join(dir, 'p.json')], '');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /remote/);
});

test('skills reads stdin and tells required from nice-to-have, with years', () => {
  const text = 'Requirements:\n- 5+ years of React and TypeScript\n- Docker\nNice to have:\n- Kubernetes (k8s)\n';
  const result = joblens(['skills'], text);
  assert.equal(result.status, 0, result.stderr);
  const { skills } = JSON.parse(result.stdout);
  const byName = Object.fromEntries(skills.map((s) => [s.name, s]));
  assert.equal(byName.React.requirement, 'required');
  assert.equal(byName.React.min_years, 5);
  assert.equal(byName.Docker.requirement, 'required');
  assert.equal(byName.Kubernetes.requirement, 'nice');
});

test('the WebAssembly CLI prints byte-identical output on the whole corpus, the examples and bad input', () => {
  for (const jobs of [corpus, examples, badInputFile()]) {
    const a = joblens(['score', '--profile', profile, '--jobs', jobs]);
    const b = joblensWasm(['score', '--profile', profile, '--jobs', jobs]);
    assert.equal(b.status, a.status, b.stderr);
    assert.ok(a.stdout.length > 0);
    assert.equal(b.stdout, a.stdout, `parity on ${jobs}`);
  }
  const text = readFileSync(corpus, 'utf8');
  assert.equal(joblensWasm(['skills'], text).stdout, joblens(['skills'], text).stdout);
});

test('the WebAssembly module scores like the CLI and reports cache hits', async () => {
  const core = await loadForNode(join(root, 'build', 'wasm'));
  core.setProfile(JSON.parse(readFileSync(profile, 'utf8')));
  const jobs = readFileSync(examples, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const fromModule = core.scoreJobs(jobs, 1000);
  const fromCli = lines(joblens(['score', '--profile', profile, '--jobs', examples]).stdout);
  assert.deepEqual(fromModule, fromCli);
  core.scoreJobs(jobs, 2000);
  const stats = core.cacheStats();
  assert.equal(stats.hits, jobs.length);
  assert.equal(stats.misses, jobs.length);
  assert.throws(() => core.scoreJobs('not an array'), /array/);
  assert.throws(() => core.setProfile({ remote: 'sometimes' }), /remote/);
});

test('the WebAssembly module replies in ASCII JSON, with the same values as the CLI', async () => {
  // Replies escape every character outside ASCII (\uXXXX), which JavaScript decodes fastest; the
  // examples' badges and reasons hold such characters ("·", "€"), so the escape is exercised.
  const core = await loadForNode(join(root, 'build', 'wasm'));
  const m = core.module;
  const raw = (name, text, ...rest) => {
    const bytes = new TextEncoder().encode(`${text}\0`);
    const pointer = m._malloc(bytes.length);
    m.HEAPU8.set(bytes, pointer);
    const reply = m[`_${name}`](pointer, ...rest);
    m._free(pointer);
    const out = m.HEAPU8.slice(reply, m.HEAPU8.indexOf(0, reply));
    m._jl_free(reply);
    return out;
  };
  raw('jl_set_profile', readFileSync(profile, 'utf8'));
  const jobs = readFileSync(examples, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const reply = raw('jl_score_jobs', JSON.stringify(jobs), 1000);
  assert.ok(reply.every((byte) => byte < 0x80), 'the reply is ASCII');
  const text = new TextDecoder().decode(reply);
  assert.match(text, /\\u00b7/);
  const fromCli = lines(joblens(['score', '--profile', profile, '--jobs', examples]).stdout);
  assert.deepEqual(JSON.parse(text).results, fromCli);
});

test('scoreJobs and scoreCards (the field table) answer exactly as the JSON exports, bad jobs included', async () => {
  const core = await loadForNode(join(root, 'build', 'wasm'));
  core.setProfile(JSON.parse(readFileSync(profile, 'utf8')));
  const good = { id: 'g', title: 'Data Engineer', company: 'Acme', location: 'Lisbon, Portugal',
    description: 'Python, SQL and Apache Spark; Airflow is a plus. \u20ac60k \u2013 \u20ac80k, caf\u00e9 \ud83d\ude00' };
  const jobs = [
    ...lines(readFileSync(corpus, 'utf8')).map(({ expected, ...job }) => job),
    good, { ...good, id: 4038498138 }, { ...good, id: -7 }, { ...good, id: 1.5 }, { ...good, id: true },
    { ...good, title: 5 }, { ...good, title: undefined }, { ...good, company: null }, { ...good, description: [] },
    { ...good, salary: null, url: 7 }, { ...good, salary: { min: 1 } }, { ...good, workplace: 'Remote', employment_type: 'Full-time' },
    { id: 'card', title: 'Frontend Engineer' }, {}, null, 'a string', 42, [good], { ...good, title: '' },
  ];
  for (const [table, json] of [['scoreJobs', 'jl_score_jobs'], ['scoreCards', 'jl_score_cards']]) {
    const viaTable = core[table](jobs, 1000);
    const viaJson = core.call(json, JSON.stringify(jobs), 1000).results;
    assert.equal(viaTable.length, jobs.length);
    assert.deepEqual(viaTable, viaJson, table);
  }
  assert.ok(core.scoreJobs(jobs).some((r) => r.error?.name === 'wrong_type'));
  assert.throws(() => core.scoreJobs({ not: 'an array' }), /array/);
});

test('a malformed field table is an error reply, never a read outside it', async () => {
  const core = await loadForNode(join(root, 'build', 'wasm'));
  core.setProfile(JSON.parse(readFileSync(profile, 'utf8')));
  const m = core.module;
  const table = (words) => {
    const pointer = m._malloc(words.length * 4);
    new Uint32Array(m.HEAPU8.buffer, pointer, words.length).set(words);
    try {
      return core.reply(m._jl_score_job_table(pointer, words.length * 4, 0, 0));
    } catch (error) {
      return { thrown: error.codeName };
    } finally {
      m._free(pointer);
    }
  };
  const fields = (kind, offset, length) => Array.from({ length: 9 }, () => [kind, offset, length]).flat();
  assert.deepEqual(table([]), { thrown: 'invalid_value' });                 // no header
  assert.deepEqual(table([1000000]), { thrown: 'invalid_value' });          // more jobs than words
  const outside = table([1, 1, ...fields(1, 0xfffffff0, 64)]).results[0];
  assert.equal(outside.error.name, 'invalid_value');
  const unknownKind = table([1, 1, ...fields(9, 0, 0)]).results[0];
  assert.equal(unknownKind.error.name, 'invalid_value');
  const absent = table([1, 1, ...fields(0, 0xfffffff0, 0xffffffff)]).results[0];  // texts unread
  assert.equal(absent.error.name, 'missing_field');
});
