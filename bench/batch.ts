// npm run bench:batch — a sweep of 16 small checkpoints (two architectures × 8 learning rates, bench/sweep/, made
// by bench/make_sweep.py) scored on the spirals data, once as a shell-style loop of `sane score --json` (one process
// per checkpoint: Node start-up, onnxruntime load, gradient-graph build and sessions every time) and once with
// `sane batch --workers 2` (processes started once, one graph and one set of sessions per architecture per worker),
// in the same run. Reports wall times, throughput ratio, and the share of each batch job's time spent outside the
// Hessian-vector products. Both use the compiled CLI (dist/); the script builds it first.
//
// usage: npm run bench:batch [-- --workers N] [--estimator exact|auto] [--json FILE]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const bin = path.join(repoRoot, 'bin', 'sane.js');
const data = path.join(repoRoot, 'examples', 'spirals.npz');
function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const workers = Number(arg('workers', '2'));
const estimator = arg('estimator', 'exact');
const jsonOut = arg('json', '');
const seed = 0;

const models = readdirSync(path.join(here, 'sweep')).filter((f) => f.endsWith('.onnx')).sort().map((f) => path.join(here, 'sweep', f));
if (models.length !== 16) throw new Error(`expected 16 checkpoints in bench/sweep, found ${models.length}; run /usr/bin/python3 bench/make_sweep.py`);
const env = { ...process.env, SANE_LAUNCH: 'dist' };

interface Result { phases?: { beforeProductsSeconds: number; afterProductsSeconds: number }; id?: string; sane: number; seconds: number; hvpSeconds: number; hvpCount: number; graphReused?: boolean; status?: string }

function run(args: string[]): { seconds: number; stdout: string } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`sane ${args.join(' ')} exited ${r.status}:\n${r.stderr}`);
  return { seconds, stdout: r.stdout };
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'sane-bench-batch-'));
try {
  // 1. The loop.
  const loopResults: Result[] = [];
  const loopT0 = performance.now();
  for (const m of models) loopResults.push(JSON.parse(run(['score', m, '--data', data, '--json', '--estimator', estimator, '--seed', String(seed)]).stdout) as Result);
  const loopSeconds = (performance.now() - loopT0) / 1000;

  // 2. The batch.
  const jobs = path.join(tmp, 'jobs.jsonl');
  writeFileSync(jobs, models.map((m) => JSON.stringify({ id: path.basename(m, '.onnx'), model: m, data, options: { estimator, seed } })).join('\n') + '\n');
  const out = path.join(tmp, 'results.jsonl');
  const batch = run(['batch', jobs, '--workers', String(workers), '--out', out]);
  const batchResults = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Result);

  // Same numbers both ways (same seed).
  const byId = new Map(batchResults.map((r) => [r.id, r]));
  for (const [i, m] of models.entries()) {
    const b = byId.get(path.basename(m, '.onnx'));
    if (!b || b.status !== 'ok' || b.sane !== loopResults[i].sane) throw new Error(`batch and loop disagree on ${m}: ${b?.sane} vs ${loopResults[i].sane}`);
  }
  const outside = batchResults.map((r) => (r.seconds - r.hvpSeconds) / r.seconds);
  const mean = (a: number[]) => a.reduce((s, x) => s + x, 0) / a.length;
  const summary = {
    jobs: models.length,
    estimator,
    workers,
    cores: os.availableParallelism?.() ?? os.cpus().length,
    products: batchResults.reduce((s, r) => s + r.hvpCount, 0),
    loopSeconds: +loopSeconds.toFixed(2),
    batchSeconds: +batch.seconds.toFixed(2),
    throughputRatio: +(loopSeconds / batch.seconds).toFixed(2),
    loopSecondsPerJob: +(loopSeconds / models.length).toFixed(3),
    loopProductSecondsPerJob: +mean(loopResults.map((r) => r.hvpSeconds)).toFixed(3),
    batchJobSecondsMean: +mean(batchResults.map((r) => r.seconds)).toFixed(3),
    batchProductSecondsMean: +mean(batchResults.map((r) => r.hvpSeconds)).toFixed(3),
    batchOutsideProductsShareMean: +mean(outside).toFixed(3),
    batchOutsideProductsShareMax: +Math.max(...outside).toFixed(3),
    graphsReused: batchResults.filter((r) => r.graphReused).length,
    // The jobs that reused a graph (all but each worker's first job of an architecture) and those that built one.
    reusedOutsideProductsShareMean: +mean(batchResults.filter((r) => r.graphReused).map((r) => (r.seconds - r.hvpSeconds) / r.seconds)).toFixed(3),
    builtOutsideProductsShareMean: +mean(batchResults.filter((r) => !r.graphReused).map((r) => (r.seconds - r.hvpSeconds) / r.seconds)).toFixed(3),
    // Of each job's time: before the first product (what reuse amortizes) and after the last (the estimator's work).
    reusedBeforeProductsShareMean: +mean(batchResults.filter((r) => r.graphReused).map((r) => r.phases!.beforeProductsSeconds / r.seconds)).toFixed(3),
    reusedAfterProductsShareMean: +mean(batchResults.filter((r) => r.graphReused).map((r) => r.phases!.afterProductsSeconds / r.seconds)).toFixed(3),
    loadAverage1m: +os.loadavg()[0].toFixed(1),
  };
  console.log(JSON.stringify(summary, null, 2));
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify(summary, null, 2) + '\n');
  const targets: [string, boolean][] = [
    [`throughput ≥ 4× the loop (${summary.throughputRatio}×)`, summary.throughputRatio >= 4],
    [`< 10% of each batch job outside products (mean ${(summary.batchOutsideProductsShareMean * 100).toFixed(0)}%)`, summary.batchOutsideProductsShareMean < 0.1],
    [`< 10% of a reused job before its first product (mean ${(summary.reusedBeforeProductsShareMean * 100).toFixed(0)}%)`, summary.reusedBeforeProductsShareMean < 0.1],
  ];
  for (const [what, met] of targets) console.log(`bench:batch: ${met ? 'met' : 'NOT MET'}: ${what}`);
  process.exitCode = targets.every(([, met]) => met) ? 0 : 1;
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
