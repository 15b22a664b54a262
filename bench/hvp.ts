// npm run bench:hvp — the HVP's work outside onnxruntime, the driver of this tree against the per-product path it
// replaced (issue 9, item 3), interleaved product by product so that both see the same load (the machine is shared):
//   legacy  fdStep (‖θ‖∞ and ‖v‖ every product) + fdPerturb per pair, gradients widened to float64 per parameter
//           tensor, fdCombine per pair, firstNonFinite in JavaScript, Richardson's combination loop in JavaScript
//           (the code before this change, kept here as the reference; it runs on the core given by --legacy-native /
//           --legacy-wasm, by default the current one, whose elementary calls are still exported)
//   fused   src/oracle/hvp.ts: fdThetaScale once, fdPoints, float32 gradients (one batch), fdCombineChecked or
//           fdRichardson
// Two modes:
//   --mode products (default): whole products on the bench models; reports ms per product and ms outside onnxruntime.
//   --mode kernels: no onnxruntime at all: the per-product work around two (central) or four (Richardson) gradients
//           given as fixed float32 tensors shaped like the model's parameters; --threads-sweep also times the fused
//           path with SANE_CORE_THREADS=1 and =2 (the native core's passes on one or two threads).
//
// usage: npx tsx bench/hvp.ts [--mode products|kernels] [--models mlp784,lenet,resnet8] [--cores native,wasm]
//          [--schemes central,richardson] [--reps N] [--threads T] [--legacy-native FILE.node] [--legacy-wasm FILE.cjs]
//          [--threads-sweep] [--spin-compare]
// --spin-compare (products, onnxruntime-node) adds "fused, no spinning" and "fused, spinning stopped after run": the
// same driver on sessions made with session.intra_op.allow_spinning = 0, and with session.force_spinning_stop = 1
// (workers spin during a run and stop when it returns), interleaved with the others. onnxruntime's intra-op workers spin
// for a while after run() returns (its default), which competes with the core's passes on a 2-core machine.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareScoring, type ScoringSetup } from '../src/api/setup.js';
import type { BindingSession, CoreBinding, LanczosConfig } from '../src/core/binding.js';
import { checkedCore } from '../src/core/checked.js';
import type { Core, GradientVector } from '../src/core/types.js';
import { loadWasmCoreFrom } from '../src/core/wasm.js';
import { firstNonFinite } from '../src/oracle/gradient-oracle.js';
import { RICHARDSON_REL_STEP, type HvpOperator } from '../src/oracle/hvp.js';
import { loadRuntime } from '../src/oracle/runtime.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const benchDir = path.resolve(here, '..', '..', 'shared', 'bench');
function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const mode = arg('mode', 'products');
const models = arg('models', 'mlp784,lenet,resnet8').split(',');
const cores = arg('cores', 'native,wasm').split(',') as ('native' | 'wasm')[];
const schemes = arg('schemes', 'central,richardson').split(',') as ('central' | 'richardson')[];
const reps = Number(arg('reps', '9'));
const threads = Number(arg('threads', '2'));
const legacyNative = arg('legacy-native', '');
const legacyWasm = arg('legacy-wasm', '');
const sweep = process.argv.includes('--threads-sweep');
const spinCompare = process.argv.includes('--spin-compare');

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function legacyCore(kind: 'native' | 'wasm', current: Core): Promise<Core> {
  if (kind === 'native' && legacyNative) {
    const addon = createRequire(import.meta.url)(path.resolve(legacyNative)) as Omit<CoreBinding, 'createLanczos' | 'maxN'> & {
      Lanczos: new (c: LanczosConfig) => BindingSession;
    };
    return checkedCore('native', { ...addon, createLanczos: (c) => new addon.Lanczos(c), maxN: Infinity });
  }
  if (kind === 'wasm' && legacyWasm) return loadWasmCoreFrom(path.resolve(legacyWasm));
  return current;
}

/** The per-product path before the fused calls (src/oracle/hvp.ts at commit cbf4bb3), on any core. */
class LegacyHvp {
  private readonly plus: Float32Array;
  private readonly minus: Float32Array;
  private readonly gPlus: Float64Array;
  private readonly gMinus: Float64Array;
  private readonly prod: Float64Array;
  private readonly far: { plus: Float32Array; minus: Float32Array; gPlus: Float64Array; gMinus: Float64Array };
  constructor(private readonly core: Core, private readonly setup: ScoringSetup, private readonly scheme: 'central' | 'richardson') {
    const P = setup.numParams;
    [this.plus, this.minus] = [new Float32Array(P), new Float32Array(P)];
    [this.gPlus, this.gMinus, this.prod] = [new Float64Array(P), new Float64Array(P), new Float64Array(P)];
    this.far = { plus: new Float32Array(P), minus: new Float32Array(P), gPlus: new Float64Array(P), gMinus: new Float64Array(P) };
  }
  /** gradients(points, accs) fills float64 accumulators; the oracle's own evaluate() does it as before. */
  async apply(dir: Float64Array, gradients: (points: Float32Array[], accs: Float64Array[]) => Promise<void>): Promise<Float64Array> {
    const { core, setup } = this;
    if (this.scheme === 'central') {
      const eps = core.fdStep(setup.theta, dir, 'central');
      const den = core.fdPerturb(setup.theta, dir, eps, this.plus, this.minus);
      await gradients([this.plus, this.minus], [this.gPlus, this.gMinus]);
      core.fdCombine(this.gPlus, this.gMinus, den, this.prod);
      if (firstNonFinite(this.prod) >= 0) throw new Error('non-finite');
      return this.prod;
    }
    const far = this.far;
    const eps = core.fdStep(setup.theta, dir, 'central', RICHARDSON_REL_STEP);
    const den1 = core.fdPerturb(setup.theta, dir, eps, this.plus, this.minus);
    const den2 = core.fdPerturb(setup.theta, dir, 2 * eps, far.plus, far.minus);
    await gradients([this.plus, this.minus, far.plus, far.minus], [this.gPlus, this.gMinus, far.gPlus, far.gMinus]);
    const d1 = this.prod;
    core.fdCombine(this.gPlus, this.gMinus, den1, d1);
    const d2 = far.gPlus;
    core.fdCombine(far.gPlus, far.gMinus, den2, d2);
    if (firstNonFinite(d1) >= 0 || firstNonFinite(d2) >= 0) throw new Error('non-finite');
    const a = den2 * den2;
    const b = den1 * den1;
    const w1 = a / (a - b);
    const w2 = b / (a - b);
    let corr = 0;
    let norm = 0;
    for (let i = 0; i < d1.length; i++) {
      const r = w1 * d1[i] - w2 * d2[i];
      corr += (r - d1[i]) * (r - d1[i]);
      norm += r * r;
      d1[i] = r;
    }
    if (!(norm >= 0 && corr >= 0)) throw new Error('unreachable');
    return d1;
  }
}

/** Session config entries of the spinning variants (onnxruntime_session_options_config_keys.h). */
const SPIN_CONFIGS = {
  'no spinning': { session: { intra_op: { allow_spinning: '0' } } },
  'spinning stopped after run': { session: { force_spinning_stop: '1' } },
} as const;

/** Runs f with onnxruntime-node sessions created with extra session config entries. */
async function withSessionConfig<T>(extra: object, f: () => Promise<T>): Promise<T> {
  const ort = (await loadRuntime('onnxruntime-node')) as unknown as {
    InferenceSession: { create: (bytes: Uint8Array, options?: Record<string, unknown>) => Promise<unknown> };
  };
  const create = ort.InferenceSession.create;
  ort.InferenceSession.create = (bytes, options) => create.call(ort.InferenceSession, bytes, { ...options, extra });
  try {
    return await f();
  } finally {
    ort.InferenceSession.create = create;
  }
}

/** Runs f with the native core's passes on `threads` threads (SANE_CORE_THREADS, read by the core per call). */
async function withThreads<T>(threads: string, f: () => Promise<T>): Promise<T> {
  const before = process.env.SANE_CORE_THREADS;
  process.env.SANE_CORE_THREADS = threads;
  try {
    return await f();
  } finally {
    if (before === undefined) delete process.env.SANE_CORE_THREADS;
    else process.env.SANE_CORE_THREADS = before;
  }
}

function direction(n: number): Float64Array {
  // Dense and unit-norm, like a Lanczos vector.
  const v = new Float64Array(n);
  let s = 12345;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    v[i] = (s & 0x10000 ? 1 : -1) / Math.sqrt(n);
  }
  return v;
}

function maxRelDiff(a: Float64Array, b: Float64Array): number {
  let d = 0;
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    d = Math.max(d, Math.abs(a[i] - b[i]));
    m = Math.max(m, Math.abs(b[i]));
  }
  return m > 0 ? d / m : d;
}

const rows: string[] = [];

async function products(model: string, kind: 'native' | 'wasm', scheme: 'central' | 'richardson') {
  const setup = await prepareScoring(path.join(benchDir, `${model}.onnx`), path.join(benchDir, `${model}.npz`), { core: kind, threads, fdScheme: scheme });
  try {
    const legacy = new LegacyHvp(await legacyCore(kind, setup.core), setup, scheme);
    const fused = setup.operator() as HvpOperator;
    const v = direction(setup.numParams);
    const viaOracle = async (points: Float32Array[], accs: Float64Array[]) => {
      await setup.oracle.evaluate(points, accs, { checkGradient: false });
    };
    const a = (await legacy.apply(v, viaOracle)).slice();
    const b = await fused.apply(v);
    const diff = maxRelDiff(b, a);
    const ortOf: Record<string, () => number> = {};
    const variants: Record<string, () => Promise<unknown>> = {
      legacy: () => legacy.apply(v, viaOracle),
      fused: () => fused.apply(v),
    };
    if (sweep && kind === 'native') variants['fused, 2 threads'] = () => withThreads('2', () => fused.apply(v));
    const spinSetups: ScoringSetup[] = [];
    if (spinCompare) {
      for (const [name, extra] of Object.entries(SPIN_CONFIGS)) {
        const ns = await withSessionConfig(extra, () =>
          prepareScoring(path.join(benchDir, `${model}.onnx`), path.join(benchDir, `${model}.npz`), { core: kind, threads, fdScheme: scheme }),
        );
        spinSetups.push(ns);
        const op = ns.operator() as HvpOperator;
        await op.apply(v);
        variants[`fused, ${name}`] = () => op.apply(v);
        ortOf[`fused, ${name}`] = () => ns.ortSeconds();
      }
    }
    const t: Record<string, { all: number[]; out: number[] }> = Object.fromEntries(Object.keys(variants).map((k) => [k, { all: [], out: [] }]));
    for (let r = 0; r < reps; r++) {
      const names = Object.keys(variants);
      for (const k of r % 2 ? names.reverse() : names) {
        const ortSeconds = ortOf[k] ?? (() => setup.ortSeconds());
        const ort0 = ortSeconds();
        const t0 = performance.now();
        await variants[k]();
        const dt = performance.now() - t0;
        t[k].all.push(dt);
        t[k].out.push(dt - 1000 * (ortSeconds() - ort0));
      }
    }
    const cell = (k: string) => `${k}: ${median(t[k].all).toFixed(1)} ms, outside ${median(t[k].out).toFixed(2)} ms (${(100 * median(t[k].out) / median(t[k].all)).toFixed(1)}%)`;
    rows.push(`| ${model} | ${setup.numParams} | ${kind} | ${scheme} | ${Object.keys(variants).map(cell).join(' · ')} | ${diff.toExponential(1)} |`);
    for (const ns of spinSetups) await ns.release();
  } finally {
    await setup.release();
  }
}

async function kernels(model: string, kind: 'native' | 'wasm', scheme: 'central' | 'richardson') {
  const setup = await prepareScoring(path.join(benchDir, `${model}.onnx`), path.join(benchDir, `${model}.npz`), { core: kind, threads, fdScheme: scheme });
  try {
    const P = setup.numParams;
    const legacy = new LegacyHvp(await legacyCore(kind, setup.core), setup, scheme);
    const fused = setup.operator() as HvpOperator;
    // Stand-in gradients: onnxruntime's output as it arrives, one float32 tensor per parameter, new every call.
    const tensors = setup.params.map((p) => Float32Array.from({ length: p.size }, (_, j) => Math.sin(p.offset + j) * 1e-3));
    const fill = (points: Float32Array[], accs: GradientVector[]) => {
      for (let i = 0; i < points.length; i++) {
        for (let k = 0; k < setup.params.length; k++) {
          const p = setup.params[k];
          const g = tensors[k]; // (onnxruntime allocates its output buffers inside run(), not counted here)
          const dst = accs[i].subarray(p.offset, p.offset + p.size);
          dst.set(g);
        }
      }
    };
    const oracle = setup.oracle as unknown as { evaluate: (p: Float32Array[], a: GradientVector[]) => Promise<number[]> };
    oracle.evaluate = async (points, accs) => {
      fill(points, accs);
      return points.map(() => 0);
    };
    const v = direction(P);
    const variants: Record<string, () => Promise<unknown>> = {
      legacy: () => legacy.apply(v, async (p, a) => fill(p, a)),
      fused: () => fused.apply(v),
    };
    if (sweep && kind === 'native') variants['fused, 2 threads'] = () => withThreads('2', () => fused.apply(v));
    const t: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
    for (const f of Object.values(variants)) await f();
    for (let r = 0; r < reps; r++) {
      const names = Object.keys(variants);
      for (const k of r % 2 ? names.reverse() : names) {
        const t0 = performance.now();
        await variants[k]();
        t[k].push(performance.now() - t0);
      }
    }
    rows.push(`| ${model} | ${P} | ${kind} | ${scheme} | ${Object.entries(t).map(([k, x]) => `${k} ${median(x).toFixed(2)}`).join(' · ')} |`);
  } finally {
    await setup.release();
  }
}

async function main() {
  if (mode === 'products') {
    rows.push('| model | P | core | scheme | per product (medians): ms, ms outside onnxruntime (share) | fused vs legacy, max rel diff |');
    rows.push('|---|---:|---|---|---|---:|');
  } else {
    rows.push('| model | P | core | scheme | ms per product outside onnxruntime (medians) |');
    rows.push('|---|---:|---|---|---|');
  }
  for (const m of models) for (const c of cores) for (const s of schemes) {
    process.stderr.write(`${mode}: ${m} ${c} ${s} ...\n`);
    await (mode === 'products' ? products(m, c, s) : kernels(m, c, s));
  }
  console.log(`${mode}, median of ${reps} interleaved repetitions, onnxruntime threads ${threads}; legacy core: ${legacyNative || legacyWasm ? [legacyNative, legacyWasm].filter(Boolean).join(', ') : 'current'}`);
  console.log(rows.join('\n'));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
