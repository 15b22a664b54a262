// Many jobs (issue 8): the per-process cache (one gradient graph and one set of sessions per architecture, data read
// once), scoreBatch() over a pool of worker processes, and `sane batch` end to end. Every result must equal a direct
// score() of the same job with the same seed; a bad job must fail alone with its reason.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { score } from '../src/api/score.js';
import { SessionCache } from '../src/api/scoring-cache.js';
import { scoreBatch } from '../src/batch/batch.js';
import { architectureHint } from '../src/batch/architecture-hint.js';
import { chooseTask } from '../src/batch/pool.js';
import { warmUp } from '../src/batch/warm-up.js';
import type { BatchJob, BatchResult, BatchOk } from '../src/batch/job.js';
import type { ScoreResult } from '../src/api/types.js';
import { runSane } from './helpers/cli.js';
import { repoRoot } from './helpers/paths.js';

const ex = (f: string) => path.join(repoRoot, 'examples', f);
const sweep = (f: string) => path.join(repoRoot, 'bench', 'sweep', f);
const data = ex('spirals.npz');
const opts = { estimator: 'exact' as const, seed: 3 };
const dir = mkdtempSync(path.join(tmpdir(), 'sane-batch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The numbers that must agree between a batch result and a direct score(). */
function numbers(r: ScoreResult | BatchOk) {
  return { sane: r.sane, neff: r.neff, lambdaMax: r.lambdaMax, lambdaMin: r.lambdaMin, top: r.topEigenvalues, trace: r.trace, loss: r.loss, numParams: r.numParams };
}

const direct = new Map<string, ReturnType<typeof numbers>>();
async function directScore(model: string) {
  if (!direct.has(model)) direct.set(model, numbers(await score(model, data, opts)));
  return direct.get(model)!;
}

describe('SessionCache', () => {
  it('reuses the graph and sessions for a checkpoint of the same architecture, with results equal to a fresh score()', async () => {
    const cache = new SessionCache();
    const seen: boolean[] = [];
    const c = cache.tracking((r) => seen.push(r));
    try {
      const a = await score(ex('spirals_lr0.05.onnx'), data, opts, c);
      const b = await score(ex('spirals_lr0.5.onnx'), data, opts, c);
      const d = await score(sweep('b_lr0.1.onnx'), data, opts, c);
      const e = await score(sweep('a_lr0.1.onnx'), data, opts, c);
      expect(seen).toEqual([false, true, false, true]);
      expect(numbers(a)).toEqual(await directScore(ex('spirals_lr0.05.onnx')));
      expect(numbers(b)).toEqual(await directScore(ex('spirals_lr0.5.onnx')));
      expect(numbers(d)).toEqual(await directScore(sweep('b_lr0.1.onnx')));
      expect(numbers(e)).toEqual(await directScore(sweep('a_lr0.1.onnx')));
      expect(b.sane).toBeCloseTo(2.361, 2); // PyTorch's exact value (examples/spirals_lr0.5.json)
    } finally {
      await cache.close();
    }
  });

  it('does not reuse across different options that change the build (loss)', async () => {
    const cache = new SessionCache();
    const seen: boolean[] = [];
    const c = cache.tracking((r) => seen.push(r));
    try {
      await score(ex('spirals_lr0.5.onnx'), data, { ...opts, gates: 'live' }, c);
      await score(ex('spirals_lr0.5.onnx'), data, opts, c);
      expect(seen).toEqual([false, false]);
    } finally {
      await cache.close();
    }
  });
});

describe('scoreBatch', () => {
  const models = ['a_lr0.02.onnx', 'a_lr0.5.onnx', 'b_lr0.05.onnx', 'b_lr1.0.onnx', 'a_lr1.0.onnx', 'b_lr0.3.onnx'].map(sweep);
  let corrupt: string;
  beforeAll(() => {
    corrupt = path.join(dir, 'corrupt.onnx');
    writeFileSync(corrupt, Buffer.from('this is not an onnx model'));
  });

  it('scores every job on 2 workers, equal to direct score(), and a bad job fails alone with its reason', async () => {
    const jobs: BatchJob[] = models.map((m, i) => ({ id: `j${i}`, model: m, data, options: opts }));
    jobs.splice(3, 0, { id: 'bad', model: corrupt, data, options: opts }, { id: 'missing', model: path.join(dir, 'nope.onnx'), data, options: opts });
    const results: BatchResult[] = [];
    const t0 = performance.now();
    for await (const r of scoreBatch(jobs, { workers: 2, threads: 1 })) results.push(r);
    expect(performance.now() - t0).toBeLessThan(60_000);
    expect(results.map((r) => r.id).sort()).toEqual(jobs.map((j) => j.id).sort());
    const byId = new Map(results.map((r) => [r.id, r]));
    expect(byId.get('bad')).toMatchObject({ status: 'error', reason: 'CORRUPT_FILE', code: 'input' });
    expect(byId.get('missing')).toMatchObject({ status: 'error', reason: 'FILE_NOT_FOUND' });
    for (const [i, m] of models.entries()) {
      const r = byId.get(`j${i}`) as BatchOk;
      expect(r.status).toBe('ok');
      expect(numbers(r)).toEqual(await directScore(m));
    }
    // 6 good jobs of 2 architectures on 2 workers: at least 2 graphs reused.
    expect(results.filter((r) => r.status === 'ok' && r.graphReused).length).toBeGreaterThanOrEqual(2);
  });

  it('sends each architecture to the worker that built it: 4 + 4 checkpoints of two architectures on 2 workers build at most 3 graphs', async () => {
    // Submitted architecture by architecture. First-come dispatch starts both workers on architecture a and later both
    // on b (4 builds); with the hints, one worker takes a and the other b, and at most one steals the other's once its
    // own are done.
    const a = ['a_lr0.05.onnx', 'a_lr0.2.onnx', 'a_lr0.3.onnx', 'a_lr0.7.onnx'].map(sweep);
    const b = ['b_lr0.02.onnx', 'b_lr0.1.onnx', 'b_lr0.2.onnx', 'b_lr0.7.onnx'].map(sweep);
    const jobs: BatchJob[] = [...a, ...b].map((m, i) => ({ id: `k${i}`, model: m, data, options: opts }));
    const results: BatchResult[] = [];
    for await (const r of scoreBatch(jobs, { workers: 2, threads: 1 })) results.push(r);
    expect(results.every((r) => r.status === 'ok')).toBe(true);
    expect(results.filter((r) => !(r as BatchOk).graphReused).length).toBeLessThanOrEqual(3);
    const byId = new Map(results.map((r) => [r.id, r as BatchOk]));
    expect(numbers(byId.get('k0')!)).toEqual(await directScore(a[0]));
    expect(numbers(byId.get('k4')!)).toEqual(await directScore(b[0]));
  });

  it('refuses a changed file by its SHA-256', async () => {
    const copy = path.join(dir, 'copy.onnx');
    copyFileSync(models[0], copy);
    const out: BatchResult[] = [];
    for await (const r of scoreBatch([{ id: 'x', model: copy, data, options: opts, sha256: { model: '0'.repeat(64) } }], { workers: 1, threads: 1 })) out.push(r);
    expect(out[0]).toMatchObject({ status: 'error', reason: 'FILE_CHANGED' });
  });
});

describe('scheduling by architecture', () => {
  it('architectureHint: equal for checkpoints of one architecture, different across architectures and build options, null for unreadable files', async () => {
    const hint = (model: string, options = opts as BatchJob['options']) => architectureHint({ id: 'h', model, data, options });
    const a1 = await hint(sweep('a_lr0.1.onnx'));
    expect(a1).toMatch(/^[0-9a-f]{64}:/);
    expect(await hint(sweep('a_lr1.0.onnx'))).toBe(a1);
    expect(await hint(ex('spirals_lr0.05.onnx'))).not.toBeNull();
    expect(await hint(sweep('b_lr0.1.onnx'))).not.toBe(a1);
    expect(await hint(sweep('a_lr0.1.onnx'), { ...opts, loss: 'mse' })).not.toBe(a1);
    const corrupt = path.join(dir, 'hint-corrupt.onnx');
    writeFileSync(corrupt, Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f, 0x01])); // a length far past the end
    expect(await hint(corrupt)).toBeNull();
    expect(await hint(path.join(dir, 'absent.onnx'))).toBeNull();
  });

  it('chooseTask: own architecture first, then one nobody has, then the oldest; waits while hints are pending', () => {
    const q = [{ hint: 'x' }, { hint: 'y' }, { hint: 'z' }, { hint: null }];
    expect(chooseTask(q, ['z'], new Set(['x', 'y']))).toBe(2); // built here
    expect(chooseTask(q, [], new Set(['x']))).toBe(1); // y is nobody's
    expect(chooseTask(q.slice(0, 2), [], new Set(['x', 'y']))).toBe(0); // all elsewhere: steal the oldest
    expect(chooseTask(q.slice(0, 2), [], new Set(['x', 'y']), true)).toBe(-1); // ...unless more hints are coming
    expect(chooseTask([{ hint: 'x' }, { hint: null }], [], new Set(['x']))).toBe(1); // unknown counts as new
    expect(chooseTask([], [], new Set(), false)).toBe(-1);
  });

  it('warmUp scores its built-in model without error (a worker that warms up on a broken model would hide it)', async () => {
    expect(await warmUp(1)).toBeNull();
  });
});

describe('sane batch', () => {
  it('writes one result line per job, --resume skips the ids already written', async () => {
    // Relative paths in the jobs file resolve against its folder; the command runs from another folder.
    copyFileSync(sweep('a_lr0.1.onnx'), path.join(dir, 'a.onnx'));
    copyFileSync(sweep('b_lr0.1.onnx'), path.join(dir, 'b.onnx'));
    copyFileSync(data, path.join(dir, 'd.npz'));
    const jobs = path.join(dir, 'jobs.jsonl');
    const lines = [
      { id: 'a', model: 'a.onnx', data: 'd.npz', options: opts },
      { id: 'b', model: 'b.onnx', data: 'd.npz', options: opts },
    ];
    writeFileSync(jobs, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const out = path.join(dir, 'results.jsonl');
    writeFileSync(out, JSON.stringify({ id: 'a', status: 'ok', sane: -1 }) + '\n'); // a result from an earlier run
    const run = await runSane(['batch', jobs, '--workers', '1', '--threads', '1', '--out', out, '--resume'], { cwd: tmpdir() });
    expect(run.stderr).toContain('resuming, 1 job(s)');
    expect(run.stderr).toMatch(/batch: 1\/1 done/);
    expect(run.code).toBe(0);
    const written = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as BatchOk);
    expect(written.map((r) => r.id)).toEqual(['a', 'b']);
    expect(written[0].sane).toBe(-1); // untouched
    expect(numbers(written[1])).toEqual(await directScore(sweep('b_lr0.1.onnx')));

    const again = await runSane(['batch', jobs, '--workers', '2', '--threads', '1'], { cwd: tmpdir() });
    expect(again.code).toBe(0);
    const printed = again.stdout.trim().split('\n').map((l) => JSON.parse(l) as BatchOk);
    expect(printed.map((r) => r.id).sort()).toEqual(['a', 'b']);
    expect(numbers(printed.find((r) => r.id === 'a')!)).toEqual(await directScore(sweep('a_lr0.1.onnx')));
  });
});
