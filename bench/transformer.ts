// npm run bench:transformer — issue 9 item 6: a 124M-parameter transformer (GPT-2 small's shapes, built from torch.nn
// by bench/make_transformer.py with seeded random weights, no downloads) scored with the lanczos defaults on the
// native core: `sane score gpt2.onnx --data gpt2.npz --loss output:loss --estimator lanczos`, run as its own process
// under /usr/bin/time -v, reporting wall time, products, seconds in products, peak resident memory and λ_max; and,
// in the same run, PyTorch's own time for one gradient and one Hessian-vector product (finite-difference: two
// gradients, as ours; exact: double backward) on the same model and tokens.
//
// The 0.5 GB .onnx is generated into .bench-out/transformer/ (git-ignored), never committed; it is reused when
// present for the same --batch/--seq. Needs /usr/bin/python3 with torch (Debian's python3-torch): without it the
// bench says so and exits 0 without a number.
//
// usage: npx tsx bench/transformer.ts [--batch N] [--seq T] [--skip-torch] [--torch-threads K] [--regenerate] [--json FILE]
//        [-- extra sane options]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const outDir = path.join(repoRoot, '.bench-out', 'transformer');

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
// Two sequences of 64 tokens: a modest batch (the products scale with the tokens; this machine has 2 cores).
const batch = Number(arg('batch', '2'));
const seq = Number(arg('seq', '64'));
const skipTorch = process.argv.includes('--skip-torch');
// PyTorch's intra-op threads (Debian's build starts with 1 here): 2, as onnxruntime-node uses on this 2-core machine.
const torchThreads = Number(arg('torch-threads', String(Math.min(2, os.cpus().length))));
const regenerate = process.argv.includes('--regenerate');
const jsonOut = process.argv.includes('--json') ? arg('json', '') : '';
const dash = process.argv.indexOf('--');
const extra = dash >= 0 ? process.argv.slice(dash + 1) : [];
const py = '/usr/bin/python3';

const probe = spawnSync(py, ['-c', 'import torch, numpy; print(torch.__version__)'], { encoding: 'utf8' });
if (probe.status !== 0) {
  console.log(`bench:transformer skipped: ${py} cannot import torch, which generates the 124M-parameter model ` +
    '(bench/make_transformer.py). Install Debian\'s python3-torch (apt-get install -y python3-torch) and rerun.');
  process.exit(0);
}

mkdirSync(outDir, { recursive: true });
const model = path.join(outDir, 'gpt2.onnx');
const data = path.join(outDir, 'gpt2.npz');
const meta = path.join(outDir, 'gpt2.json');
const stamp = path.join(outDir, 'shape.json');
const shape = JSON.stringify({ batch, seq });
const fresh = !regenerate && existsSync(model) && existsSync(data) && existsSync(stamp) && readFileSync(stamp, 'utf8') === shape;

// 1. The model (and PyTorch's timings, which need the model in memory anyway).
const gen = [path.join(here, 'make_transformer.py'), 'gpt2', outDir, '--batch', String(batch), '--seq', String(seq)];
if (fresh) gen.push('--skip-export');
if (!skipTorch) gen.push('--time-hvp', '--threads', String(torchThreads));
let torch: Record<string, number> = {};
if (!fresh || !skipTorch) {
  process.stderr.write(`${fresh ? 'reusing' : 'generating'} ${model}${skipTorch ? '' : ' and timing PyTorch'} (PyTorch ${probe.stdout.trim()}) ...\n`);
  const r = spawnSync(py, gen, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) throw new Error(`make_transformer.py failed (exit ${r.status}):\n${r.stderr.slice(-3000)}`);
  writeFileSync(stamp, shape);
  if (!skipTorch) torch = JSON.parse(readFileSync(meta, 'utf8')) as Record<string, number>;
}

// 2. Our score, as a user runs it, in its own process so that /usr/bin/time's peak RSS is the score's alone.
const sane = path.join(repoRoot, 'bin', 'sane.js');
const args = ['score', model, '--data', data, '--loss', 'output:loss', '--estimator', 'lanczos', '--json', ...extra];
process.stderr.write(`sane ${args.join(' ')} ...\n`);
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const cmd = timeBin ? [timeBin, '-v', process.execPath, sane, ...args] : [process.execPath, sane, ...args];
const t0 = performance.now();
const run = spawnSync(cmd[0], cmd.slice(1), {
  encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, SANE_LAUNCH: 'dist' },
});
const wall = (performance.now() - t0) / 1000;
if (run.status !== 0) throw new Error(`sane score exited ${run.status}:\n${run.stderr.slice(-4000)}`);
const res = JSON.parse(run.stdout) as {
  numParams: number; numSamples: number; lambdaMax: number; lambdaMin: number; topEigenvalues: number[]; hvpCount: number;
  hvpSeconds: number; seconds: number; fdError: { median: number; max: number } | null; warnings: string[];
  options: Record<string, unknown>; timing: { ortSeconds: number; gradientEvaluations: number };
};
const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr);
const peakGiB = rss ? Number(rss[1]) / 2 ** 20 : null;

const row = {
  model: 'GPT-2 small shapes (bench/make_transformer.py gpt2)', params: res.numParams, sequences: res.numSamples, tokensPerSequence: seq,
  command: `sane ${args.filter((a) => a !== '--json').map((a) => (a.startsWith(outDir) ? path.basename(a) : a)).join(' ')}`,
  wallSeconds: wall, scoreSeconds: res.seconds, products: res.hvpCount, productSeconds: res.hvpSeconds,
  gradientEvaluations: res.timing.gradientEvaluations, ortSeconds: res.timing.ortSeconds, peakRssGiB: peakGiB,
  lambdaMaxAbs: Math.abs(res.topEigenvalues[0]), lambdaMax: res.lambdaMax, lambdaMin: res.lambdaMin, topEigenvalues: res.topEigenvalues,
  topResiduals: res.options.topResiduals, steps: res.options.steps, converged: res.options.converged,
  storedBasis: res.options.reorthogonalize, fdError: res.fdError, warnings: res.warnings,
  torch: skipTorch ? null : {
    version: probe.stdout.trim(), threads: torch.torch_threads, forwardSeconds: torch.torch_forward_seconds, gradientSeconds: torch.torch_gradient_seconds,
    fdHvpSeconds: torch.torch_fd_hvp_seconds, exactHvpSeconds: torch.torch_exact_hvp_seconds,
  },
  machine: { cpus: os.cpus().length, totalMemGiB: os.totalmem() / 2 ** 30, node: process.version },
};

const f = (x: number | null | undefined, d = 1) => (x === null || x === undefined ? '—' : x.toFixed(d));
const perProduct = res.hvpSeconds / Math.max(1, res.hvpCount);
console.log(`\n${row.model}: P = ${row.params}, ${row.sequences} sequences × ${seq} tokens, native core, onnxruntime-node`);
console.log(`  ${row.command}`);
console.log(`  wall ${f(wall)} s (score ${f(res.seconds)} s), ${res.hvpCount} products in ${f(res.hvpSeconds)} s (${f(perProduct, 2)} s each, ${res.timing.gradientEvaluations} gradients), peak RSS ${f(peakGiB, 2)} GiB`);
console.log(`  max|λ| ${res.topEigenvalues[0]} (residual ${(res.options.topResiduals as number[] | undefined)?.[0]}), λ_max ${res.lambdaMax}, λ_min ${res.lambdaMin}; ${res.options.steps} steps, converged ${res.options.converged}, stored basis ${res.options.reorthogonalize}`);
if (res.warnings.length) console.log(`  warnings: ${res.warnings.join(' | ')}`);
if (row.torch) {
  const t = row.torch;
  console.log(`  PyTorch ${t.version} (${t.threads} threads), same model and tokens: forward ${f(t.forwardSeconds, 2)} s, gradient ${f(t.gradientSeconds, 2)} s, ` +
    `finite-difference HVP ${f(t.fdHvpSeconds, 2)} s, exact HVP ${f(t.exactHvpSeconds, 2)} s; ours per product ${f(perProduct, 2)} s ` +
    `(Richardson: 4 gradients) = ${f(perProduct / (t.fdHvpSeconds ?? NaN), 2)}× its finite-difference HVP`);
}
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(row, null, 2));
