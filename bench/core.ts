// `npm run bench:core`: the two heavy operations of the core, native addon and WASM side by side.
//  - One Lanczos step with full reorthogonalisation against 20 stored basis vectors, for P = 1e4 ... 1e7. The
//    operator is diagonal and applied in JS outside the timed region, so only the core's work is timed (copying the
//    product in, the recurrence, two Gram-Schmidt passes over the basis, normalising q_{j+1}).
//  - A whole 20-step run in the estimators' modes (partial reorthogonalisation; double and float32 rows) next to
//    full reorthogonalisation: the core's time per step, averaged over the run (an HVP-like operator: symmetric up
//    to a 1e-7 relative asymmetry, as finite differences give).
//  - The dense symmetric eigenvalue solve (LAPACK dsyev through symmetricEigenvalues) for n = 500, 1000, 2000.
// Each figure is the median of several repetitions. Prints a markdown table with the WASM/native ratio.
//
//   npm run bench:core                           all sizes
//   npm run bench:core -- --quick                P up to 1e6, n up to 1000
//   npm run bench:core -- --wasm-artifact FILE   benchmark another WASM build (e.g. one without SIMD)
//   npm run bench:core -- --baseline-native FILE --baseline-wasm FILE   also an older addon (.node) and WASM build
//                                                (e.g. copies saved before a change), interleaved with the current
//                                                ones rep by rep: the comparison that holds on a loaded machine
//   npm run bench:core -- --sizes 1e5,5e5,1e6 --runs-only   only these P, only the whole-run rows
import { createRequire } from 'node:module';
import path from 'node:path';
import type { CoreBinding } from '../src/core/binding.js';
import { checkedCore } from '../src/core/checked.js';
import { loadNativeCore } from '../src/core/native.js';
import type { Core } from '../src/core/types.js';
import { loadWasmCore, loadWasmCoreFrom } from '../src/core/wasm.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const runsOnly = args.includes('--runs-only');
const argValue = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const wasmArtifact = argValue('--wasm-artifact');
const baselineNative = argValue('--baseline-native');
const baselineWasm = argValue('--baseline-wasm');

const STORED = 20;
const RUN_STEPS = 20;
const sizes = argValue('--sizes')?.split(',').map(Number) ?? (quick ? [1e4, 1e5, 1e6] : [1e4, 1e5, 1e6, 1e7]);
const denseSizes = runsOnly ? [] : quick ? [500, 1000] : [500, 1000, 2000];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** A session brought to the step that orthogonalises against STORED basis vectors; returns that step's time. */
function timeReorthStep(core: Core, n: number, diag: Float64Array, product: Float64Array): number {
  const session = core.createLanczos({ n, steps: STORED + 1, seed: 7, reorthogonalize: true });
  try {
    // Steps 1..STORED-1 fill the basis (q_0 .. q_{STORED-1}); step STORED works against all STORED of them.
    for (let j = 0; j < STORED; j++) {
      const q = session.vector();
      for (let i = 0; i < n; i++) product[i] = diag[i] * q[i];
      if (j < STORED - 1) {
        session.step(product);
      } else {
        const t0 = performance.now();
        session.step(product);
        return performance.now() - t0;
      }
    }
    throw new Error('unreachable');
  } finally {
    session.dispose(); // the basis of P = 1e7 is 1.6 GB: free it before the next run
  }
}

/** Median step time per core. Repetitions alternate between the cores so that load from other processes on the
 *  machine falls on both alike. */
function reorthTimes(cores: Core[], n: number, reps: number): number[] {
  const diag = new Float64Array(n);
  for (let i = 0; i < n; i++) diag[i] = 1 + (i % 1000) / 1000;
  const product = new Float64Array(n);
  const times = cores.map(() => [] as number[]);
  for (let r = 0; r < reps; r++) cores.forEach((core, c) => times[c].push(timeReorthStep(core, n, diag, product)));
  return times.map(median);
}

type RunMode = { partial: boolean; float32Basis: boolean };

/** Mean core time per step of a RUN_STEPS-step run (products computed outside the timed region). */
function timeRun(core: Core, n: number, diag: Float64Array, product: Float64Array, mode: RunMode): number {
  const session = core.createLanczos({ n, steps: RUN_STEPS, seed: 9, reorthogonalize: true, ...mode });
  try {
    let total = 0;
    let more = true;
    while (more) {
      const q = session.vector();
      for (let i = 0; i < n; i++) product[i] = diag[i] * q[i] + 1e-7 * q[(i + 1) % n];
      const t0 = performance.now();
      more = session.step(product);
      total += performance.now() - t0;
    }
    return total / RUN_STEPS;
  } finally {
    session.dispose();
  }
}

function runTimes(cores: Core[], n: number, reps: number, mode: RunMode): number[] {
  const diag = new Float64Array(n);
  for (let i = 0; i < n; i++) diag[i] = 1 + (i % 1000) / 1000 + (i < 3 ? 5 * (i + 1) : 0);
  const product = new Float64Array(n);
  const times = cores.map(() => [] as number[]);
  for (let r = 0; r < reps; r++) cores.forEach((core, c) => times[c].push(timeRun(core, n, diag, product, mode)));
  return times.map(median);
}

function randomSymmetric(n: number, seed: number): Float64Array {
  let s = seed >>> 0;
  const rnd = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const x = rnd();
      a[i * n + j] = x;
      a[j * n + i] = x;
    }
  }
  return a;
}

function denseTimes(cores: Core[], a: Float64Array, n: number, reps: number): number[] {
  const times = cores.map(() => [] as number[]);
  for (let r = 0; r < reps; r++) {
    cores.forEach((core, c) => {
      const t0 = performance.now();
      core.symmetricEigenvalues(a, n);
      times[c].push(performance.now() - t0);
    });
  }
  return times.map(median);
}

async function tryLoad(what: string, load: () => Promise<Core>): Promise<Core | undefined> {
  try {
    return await load();
  } catch (err) {
    console.error(`${what} core not available: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
}

/** An addon file loaded as a second native core (process.dlopen under another path), for --baseline-native. */
function loadAddonFrom(file: string): Promise<Core> {
  const require = createRequire(import.meta.url);
  const addon = require(path.resolve(file)) as Omit<CoreBinding, 'createLanczos' | 'maxN'> & {
    Lanczos: new (config: unknown) => ReturnType<CoreBinding['createLanczos']>;
  };
  const Lanczos = addon.Lanczos;
  return Promise.resolve(checkedCore('native', { ...addon, createLanczos: (c) => new Lanczos(c), maxN: Infinity }));
}

const native = await tryLoad('native', loadNativeCore);
const wasm = await tryLoad('WASM', () => (wasmArtifact ? loadWasmCoreFrom(wasmArtifact) : loadWasmCore()));
const oldNative = baselineNative ? await tryLoad('baseline native', () => loadAddonFrom(baselineNative)) : undefined;
const oldWasm = baselineWasm ? await tryLoad('baseline WASM', () => loadWasmCoreFrom(baselineWasm)) : undefined;
if (!native && !wasm) {
  console.error('no core to benchmark: build one (npm run build:native / npm run build:wasm)');
  process.exit(1);
}

interface Row {
  op: string;
  size: string;
  reps: number;
  native?: number;
  wasm?: number;
  oldNative?: number;
  oldWasm?: number;
}
const rows: Row[] = [];
const all = [native, wasm, oldNative, oldWasm];
/** Runs a measurement over the available cores (interleaved rep by rep inside `run`); returns the medians of
 *  [native, wasm, baseline native, baseline wasm] (undefined when missing). */
function measure(run: (cores: Core[]) => number[]): (number | undefined)[] {
  const cores = all.filter((c): c is Core => c !== undefined);
  const t = run(cores);
  let at = 0;
  return all.map((c) => (c ? t[at++] : undefined));
}
const fmt = (ms: number | undefined) => (ms === undefined ? 'n/a' : ms < 10 ? ms.toFixed(3) : ms.toFixed(1));

for (const n of runsOnly ? [] : sizes) {
  const reps = n <= 1e5 ? 9 : n <= 1e6 ? 5 : 3;
  const row: Row = { op: `Lanczos step, full reorth. vs ${STORED} vectors`, size: `P = ${n.toExponential(0)}`, reps };
  [row.native, row.wasm, row.oldNative, row.oldWasm] = measure((cores) => reorthTimes(cores, n, reps));
  rows.push(row);
  console.error(`reorth P=${n}: native ${fmt(row.native)} ms, wasm ${fmt(row.wasm)} ms`);
}
const modes: [string, RunMode][] = [
  ['full reorth., double rows', { partial: false, float32Basis: false }],
  ['partial reorth., double rows', { partial: true, float32Basis: false }],
  ['partial reorth., float32 rows', { partial: true, float32Basis: true }],
];
for (const n of sizes) {
  const reps = n <= 1e5 ? 5 : 3;
  for (const [name, mode] of modes) {
    const row: Row = { op: `${RUN_STEPS}-step run, ${name}: ms per step`, size: `P = ${n.toExponential(0)}`, reps };
    [row.native, row.wasm, row.oldNative, row.oldWasm] = measure((cores) => runTimes(cores, n, reps, mode));
    rows.push(row);
    console.error(
      `run ${name} P=${n}: native ${fmt(row.native)} ms, wasm ${fmt(row.wasm)} ms` +
        (oldNative || oldWasm ? ` (baseline native ${fmt(row.oldNative)}, wasm ${fmt(row.oldWasm)})` : ''),
    );
  }
}
for (const n of denseSizes) {
  const reps = n <= 1000 ? 5 : 3;
  const a = randomSymmetric(n, n);
  const row: Row = { op: 'dense symmetric eigenvalues (dsyev)', size: `n = ${n}`, reps };
  [row.native, row.wasm, row.oldNative, row.oldWasm] = measure((cores) => denseTimes(cores, a, n, reps));
  rows.push(row);
  console.error(`dsyev n=${n}: native ${fmt(row.native)} ms, wasm ${fmt(row.wasm)} ms`);
}

console.log(`\nCore benchmark (median of reps; Node ${process.version}, ${process.arch})`);
if (native) console.log(`native: ${native.version()}`);
if (wasm) console.log(`WASM:   ${wasm.version()}${wasmArtifact ? ` [${wasmArtifact}]` : ''}`);
const baseline = oldNative !== undefined || oldWasm !== undefined;
if (baseline) console.log(`baseline: ${[baselineNative, baselineWasm].filter(Boolean).join(', ')} (interleaved rep by rep)`);
console.log('');
const ratio = (a?: number, b?: number) => (a !== undefined && b !== undefined ? `${(a / b).toFixed(2)}x` : 'n/a');
console.log(
  '| operation | size | reps | native (ms) | WASM (ms) | WASM/native |' +
    (baseline ? ' baseline native (ms) | baseline WASM (ms) | native/baseline | WASM/baseline |' : ''),
);
console.log('| --- | --- | ---: | ---: | ---: | ---: |' + (baseline ? ' ---: | ---: | ---: | ---: |' : ''));
for (const r of rows) {
  console.log(
    `| ${r.op} | ${r.size} | ${r.reps} | ${fmt(r.native)} | ${fmt(r.wasm)} | ${ratio(r.wasm, r.native)} |` +
      (baseline
        ? ` ${fmt(r.oldNative)} | ${fmt(r.oldWasm)} | ${ratio(r.native, r.oldNative)} | ${ratio(r.wasm, r.oldWasm)} |`
        : ''),
  );
}
