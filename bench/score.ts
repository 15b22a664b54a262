// npm run bench — milliseconds per finite-difference HVP of the ../shared/bench models, native core with
// onnxruntime-node and WASM core with onnxruntime-web, next to PyTorch's exact (double backward) and finite-difference
// HVPs from torch_bench.py run in the same session, as ratios. Also: the share of each HVP spent outside onnxruntime
// (perturbation, accumulation, combination, finiteness check, JS glue).
//
// The Lanczos columns are the median of --lanczos-runs runs after a first one, which is reported apart (JSON:
// lanczosFirst): the first run in a process maps its vectors' memory from the system (20,000 page faults on mlp784,
// 5-6% of that run on this project's VM), the later ones reuse it (native/core/vector_pool.hpp), as the SLQ probes of
// a scoring run and a server's later requests do.
//
// usage: npx tsx bench/score.ts [--reps N] [--threads T] [--wasm-threads T] [--lanczos-steps M] [--lanczos-runs K] [--models mlp784,lenet,resnet8] [--skip-torch] [--json FILE]
//          [--compare-native FILE.node] [--compare-wasm FILE.cjs] [--pairs K]
// --compare-native / --compare-wasm: instead of the table, the Lanczos run of the last columns on another build of the
// core (an older addon or WASM artifact, e.g. from a worktree of an earlier commit) against this tree's, in one
// process on the same onnxruntime sessions, alternating run by run (K pairs, default 8), so that both see the same
// load; reports the medians of both and checks that they found the same λ_max to the bit.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { prepareScoring, type ScoringSetup } from '../src/api/setup.js';
import { estimate } from '../src/estimators/auto.js';
import type { LinearOperator } from '../src/estimators/linear-operator.js';
import { checkedCore } from '../src/core/checked.js';
import { loadWasmCoreFrom } from '../src/core/wasm.js';
import type { BindingSession, CoreBinding, LanczosConfig } from '../src/core/binding.js';
import type { Core } from '../src/core/types.js';
import { HvpOperator } from '../src/oracle/hvp.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const benchDir = path.resolve(repoRoot, '..', 'shared', 'bench');
const outDir = path.join(repoRoot, '.bench-out');

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const reps = Number(arg('reps', '7'));
const threads = Number(arg('threads', '2'));
const models = arg('models', 'mlp784,lenet,resnet8').split(',');
const lanczosSteps = Number(arg('lanczos-steps', '20'));
const lanczosRuns = Number(arg('lanczos-runs', '3'));
const wasmThreads = process.argv.includes('--wasm-threads') ? Number(arg('wasm-threads', '1')) : undefined;
const skipTorch = process.argv.includes('--skip-torch');
const jsonOut = process.argv.includes('--json') ? arg('json', '') : '';
const compareNative = arg('compare-native', '');
const compareWasm = arg('compare-wasm', '');
const pairs = Number(arg('pairs', '8'));

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

interface TorchRow { params: number; samples: number; grad_s: number; hvp_exact_s: number; hvp_fd_central_s: number; eigsh_top5_s: number; torch: string; threads: number }

function runTorch(): Record<string, TorchRow> | string {
  const py = '/usr/bin/python3';
  const probe = spawnSync(py, ['-c', 'import torch, scipy; print(torch.__version__)'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    return `PyTorch anchor unavailable: ${py} cannot import torch/scipy. Install Debian's packages with ` +
      '`apt-get install -y python3-torch python3-scipy` and rerun `npm run bench`.';
  }
  const dir = path.join(outDir, 'torch');
  mkdirSync(dir, { recursive: true });
  process.stderr.write(`running torch_bench.py (PyTorch ${probe.stdout.trim()}) ...\n`);
  const r = spawnSync(py, [path.join(benchDir, 'torch_bench.py'), dir, ...models], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) return `torch_bench.py failed (exit ${r.status}): ${r.stderr.slice(-2000)}`;
  return JSON.parse(readFileSync(path.join(dir, 'torch_bench.json'), 'utf8'));
}

interface OurRow {
  msPerHvp: number;
  msPerHvpAll: number[];
  outsideOrtShare: number;
  msPerGradient: number;
  /** A Lanczos run capped at --lanczos-steps (top-5, the estimator's defaults: convergence-driven, partial
   *  reorthogonalisation): wall seconds, steps taken, the share outside onnxruntime, and the share outside the
   *  products (the core's own work: recurrence, reorthogonalisation, Ritz values; the rest of "outside onnxruntime"
   *  is the HVP's own arithmetic, counted in outsideOrtShare). */
  lanczosSeconds: number;
  lanczosSteps: number;
  lanczosOutsideOrtShare: number;
  lanczosOutsideProductsShare: number;
  /** The first Lanczos run of the process (not in the medians above): wall seconds and the share outside onnxruntime. */
  lanczosFirst: { seconds: number; outsideOrtShare: number };
  params: number;
  samples: number;
  batches: number;
  gates: boolean;
}

async function timeOurs(model: string, core: 'native' | 'wasm'): Promise<OurRow> {
  // --threads sets both runtimes' thread count (onnxruntime-web: env.wasm.numThreads) unless --wasm-threads.
  const t = core === 'native' ? threads : (wasmThreads ?? threads);
  const setup = await prepareScoring(path.join(benchDir, `${model}.onnx`), path.join(benchDir, `${model}.npz`), { core, threads: t, fdScheme: 'central' }); // like PyTorch's FD HVP: two gradients a product
  try {
    const op = setup.operator();
    await op.gradient();
    // Directions like Lanczos's: dense, unit norm.
    const v = new Float64Array(op.n);
    let s = 12345;
    for (let i = 0; i < v.length; i++) {
      s = (s * 1103515245 + 12345) >>> 0;
      v[i] = (s & 0x10000 ? 1 : -1) / Math.sqrt(v.length);
    }
    await op.apply(v); // warm-up
    const times: number[] = [];
    const outside: number[] = [];
    for (let r = 0; r < reps; r++) {
      const ort0 = setup.ortSeconds();
      const t0 = performance.now();
      await op.apply(v);
      const dt = (performance.now() - t0) / 1000;
      times.push(dt * 1000);
      outside.push((dt - (setup.ortSeconds() - ort0)) / dt);
    }
    // One gradient alone, for reference.
    const g = new Float64Array(op.n);
    const tg: number[] = [];
    for (let r = 0; r < Math.min(reps, 3); r++) {
      const t0 = performance.now();
      await setup.oracle.evaluate([setup.theta], [g]);
      tg.push(performance.now() - t0);
    }
    const first = await lanczosRun(setup, setup.core, op);
    const runs: Awaited<ReturnType<typeof lanczosRun>>[] = [];
    for (let r = 0; r < lanczosRuns; r++) runs.push(await lanczosRun(setup, setup.core, op));
    const med = (f: (x: (typeof runs)[number]) => number) => median(runs.map(f));
    return {
      lanczosSeconds: med((x) => x.wall) / 1000, lanczosSteps: med((x) => x.products), lanczosOutsideOrtShare: med((x) => x.outsideOrt),
      lanczosOutsideProductsShare: med((x) => x.outsideProducts), lanczosFirst: { seconds: first.wall / 1000, outsideOrtShare: first.outsideOrt },
      msPerHvp: median(times), msPerHvpAll: times, outsideOrtShare: median(outside), msPerGradient: median(tg),
      params: setup.numParams, samples: setup.dataset.numSamples, batches: setup.numBatches, gates: setup.frozen,
    };
  } finally {
    await setup.release();
  }
}

/** The Lanczos run of the table's last columns, on `core` with the setup's sessions: wall ms, shares, λ_max. */
async function lanczosRun(setup: ScoringSetup, core: Core, op: HvpOperator) {
  let productMs = 0;
  const time = async (product: () => Promise<Float64Array>) => {
    const t0 = performance.now();
    const y = await product();
    productMs += performance.now() - t0;
    return y;
  };
  // The operator as the estimators see it, products timed: with the session-written points where it has them, as
  // a scoring run multiplies (src/estimators/lanczos.ts).
  const timed: LinearOperator = {
    n: op.n,
    finiteDifference: op.finiteDifference,
    apply: (x) => time(() => op.apply(x)),
    sessionPointsTarget: () => op.sessionPointsTarget(),
    applyAtPoints: (target, points) => time(() => op.applyAtPoints(target, points)),
  };
  const ort0 = setup.ortSeconds();
  const t0 = performance.now();
  const est = await estimate(core, timed, { saneC: 0.5, neffZ: 1, negative: 'abs', saneK: 1, top: 5, estimator: 'lanczos', steps: lanczosSteps, seed: 0 });
  const wall = performance.now() - t0;
  const ort = (setup.ortSeconds() - ort0) * 1000;
  return {
    wall, products: est.products, outsideOrt: (wall - ort) / wall, outsideProducts: (wall - productMs) / wall,
    hvpOutsideOrtMs: (productMs - ort) / est.products, lambdaMax: est.metrics.lambdaMax,
  };
}

/** --compare-native / --compare-wasm: the other build against this tree's, alternating in one process. */
async function compareBuilds(kind: 'native' | 'wasm', file: string): Promise<void> {
  const require = createRequire(import.meta.url);
  for (const m of models) {
    const setup = await prepareScoring(path.join(benchDir, `${m}.onnx`), path.join(benchDir, `${m}.npz`), { core: kind, threads, fdScheme: 'central' });
    try {
      let other: Core;
      if (kind === 'native') {
        const addon = require(path.resolve(file)) as Omit<CoreBinding, 'createLanczos' | 'maxN'> & { Lanczos: new (c: LanczosConfig) => BindingSession };
        other = checkedCore('native', { ...addon, createLanczos: (c) => new addon.Lanczos(c), maxN: Infinity });
      } else {
        other = await loadWasmCoreFrom(path.resolve(file));
      }
      const builds = { other: { core: other, runs: [] as Awaited<ReturnType<typeof lanczosRun>>[] }, 'this tree': { core: setup.core, runs: [] as Awaited<ReturnType<typeof lanczosRun>>[] } };
      const ops = Object.fromEntries(Object.entries(builds).map(([k, b]) => [k, new HvpOperator(b.core, setup.oracle, setup.theta, { scheme: 'central' })]));
      for (const op of Object.values(ops)) await op.apply(new Float64Array(op.n).fill(1 / Math.sqrt(op.n))); // warm-up
      const load0 = os.loadavg()[0];
      for (let r = 0; r < pairs; r++) {
        const order = r % 2 ? (['this tree', 'other'] as const) : (['other', 'this tree'] as const);
        for (const k of order) builds[k].runs.push(await lanczosRun(setup, builds[k].core, ops[k]));
      }
      const load1 = os.loadavg()[0];
      for (const [k, b] of Object.entries(builds)) {
        const med = (f: (x: (typeof b.runs)[number]) => number) => median(b.runs.map(f));
        console.log(
          `${m} ${kind} ${k === 'other' ? file : 'this tree'}: Lanczos ${fmt(med((x) => x.wall), 0)} ms, outside onnxruntime ` +
            `${fmt(100 * med((x) => x.outsideOrt))}%, outside the products ${fmt(100 * med((x) => x.outsideProducts))}%, ` +
            `per product outside onnxruntime ${fmt(med((x) => x.hvpOutsideOrtMs), 2)} ms (median of ${pairs})`,
        );
      }
      const lambdas = new Set([...builds.other.runs, ...builds['this tree'].runs].map((x) => x.lambdaMax));
      console.log(`${m} ${kind}: λ_max ${lambdas.size === 1 ? 'identical in every run' : `DIFFERS: ${[...lambdas].join(', ')}`}; load average ${fmt(load0, 1)} → ${fmt(load1, 1)}`);
    } finally {
      await setup.release();
    }
  }
}

const fmt = (x: number | undefined, d = 1) => (x === undefined || !Number.isFinite(x) ? 'n/a' : x.toFixed(d));
const lz = (r: OurRow | undefined) =>
  r
    ? `${fmt(r.lanczosSeconds, 1)}, ${r.lanczosSteps} (${fmt(100 * r.lanczosOutsideOrtShare, 1)}% / ${fmt(100 * r.lanczosOutsideProductsShare, 1)}%)`
    : 'n/a';

async function main() {
  mkdirSync(outDir, { recursive: true });
  const torch = skipTorch ? 'PyTorch anchor skipped (--skip-torch).' : runTorch();
  const ours: Record<string, { native?: OurRow; wasm?: OurRow; errors: string[] }> = {};
  for (const m of models) {
    ours[m] = { errors: [] };
    for (const core of ['native', 'wasm'] as const) {
      process.stderr.write(`timing ${m} on the ${core} core ...\n`);
      try {
        ours[m][core] = await timeOurs(m, core);
      } catch (e) {
        ours[m].errors.push(`${core}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }

  const lines: string[] = [];
  lines.push(`Machine: ${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}, Node ${process.version}, threads ${threads} (onnxruntime-node), ${wasmThreads ?? threads} (onnxruntime-web), median of ${reps} HVPs (central differences, frozen gates where the model has any, all samples in one batch)`);
  lines.push('');
  lines.push(`| model | P | N | torch grad ms | torch exact HVP ms | torch FD HVP ms | native ms/HVP | native / torch exact | native / torch FD | wasm ms/HVP | wasm / native | outside ORT native | outside ORT wasm | Lanczos ≤${lanczosSteps} steps native (median of ${lanczosRuns} after the first): s, steps (outside ORT / outside products) | wasm: s, steps (outside ORT / outside products) |`);
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const m of models) {
    const t = typeof torch === 'string' ? undefined : torch[m];
    const n = ours[m].native;
    const w = ours[m].wasm;
    const tex = t ? t.hvp_exact_s * 1000 : undefined;
    const tfd = t ? t.hvp_fd_central_s * 1000 : undefined;
    lines.push(`| ${m} | ${n?.params ?? w?.params ?? t?.params ?? '?'} | ${n?.samples ?? w?.samples ?? t?.samples ?? '?'} | ${fmt(t ? t.grad_s * 1000 : undefined)} | ${fmt(tex)} | ${fmt(tfd)} | ${fmt(n?.msPerHvp)} | ${n && tex ? fmt(n.msPerHvp / tex, 2) + '×' : 'n/a'} | ${n && tfd ? fmt(n.msPerHvp / tfd, 2) + '×' : 'n/a'} | ${fmt(w?.msPerHvp)} | ${n && w ? fmt(w.msPerHvp / n.msPerHvp, 2) + '×' : 'n/a'} | ${n ? fmt(100 * n.outsideOrtShare, 1) + '%' : 'n/a'} | ${w ? fmt(100 * w.outsideOrtShare, 1) + '%' : 'n/a'} | ${lz(n)} | ${lz(w)} |`);
  }
  const ratios = (f: (m: string) => number | undefined) => models.map(f).filter((x): x is number => x !== undefined && Number.isFinite(x));
  const nat = ratios((m) => (typeof torch !== 'string' && ours[m].native ? ours[m].native!.msPerHvp / (torch[m].hvp_exact_s * 1000) : undefined));
  const wn = ratios((m) => (ours[m].native && ours[m].wasm ? ours[m].wasm!.msPerHvp / ours[m].native!.msPerHvp : undefined));
  const outN = ratios((m) => ours[m].native?.outsideOrtShare);
  lines.push('');
  lines.push(`Medians over models: native / torch exact HVP ${nat.length ? fmt(median(nat), 2) + '×' : 'n/a'} (goal ≤ 0.5×), wasm / native ${wn.length ? fmt(median(wn), 2) + '×' : 'n/a'} (goal ≤ 2×), time outside onnxruntime (native) ${outN.length ? fmt(100 * median(outN), 1) + '%' : 'n/a'} (goal ≤ 5%).`);
  const firsts = models.flatMap((m) => (['native', 'wasm'] as const).flatMap((c) => {
    const r = ours[m][c];
    return r ? [`${m} ${c} ${fmt(r.lanczosFirst.seconds, 2)} s (${fmt(100 * r.lanczosFirst.outsideOrtShare, 1)}% outside onnxruntime)`] : [];
  }));
  if (firsts.length) lines.push('', `First Lanczos run of each process (not in the medians; it maps its memory from the system): ${firsts.join(', ')}.`);
  if (typeof torch === 'string') lines.push('', torch);
  for (const m of models) for (const e of ours[m].errors) lines.push(`${m}: ${e}`);
  console.log(lines.join('\n'));
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ torch, ours, reps, threads }, null, 1));
}

if (!existsSync(benchDir)) {
  console.error(`benchmark models not found in ${benchDir} (expected ../shared/bench beside the repository)`);
  process.exit(1);
}
(compareNative ? compareBuilds('native', compareNative) : compareWasm ? compareBuilds('wasm', compareWasm) : main()).catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
