// The WebAssembly build of the core: wasm/dist/sane_core.cjs (emscripten, one file with the .wasm inlined, built by
// wasm/build.sh from the same native/core sources as the addon, with LAPACK's dstev/dsyev translated by f2c).
// This module validates arguments with the same messages as the addon (native/addon/args.hpp), copies typed arrays
// into the WASM heap, calls the C entry points of wasm/bindings.cpp and copies results out.
//
// Heap views: the heap may grow during any call that allocates (malloc, a Lanczos session, a result), which detaches
// every view taken before. Views are therefore never kept: each read or write takes a fresh one from the current
// buffer, after the allocations it depends on.
//
// Async variants (stepAsync, symmetricEigenvaluesAsync) run synchronously and return settled promises: the module
// is a single-file build without pthreads (those need SharedArrayBuffer, cross-origin isolation in browsers and a
// separate worker file), so there is no thread to move the work to. Callers that must keep an event loop responsive
// can run the whole WASM core in a worker_thread / Web Worker.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { packageRoot } from '../util/package-root.js';

import type {
  Core,
  Estimate,
  FdScheme,
  LanczosOptions,
  LanczosResult,
  LanczosSession,
  NegativePolicy,
  QuadratureRule,
  SpectralFunction,
} from './types.js';

/** The exports of wasm/bindings.cpp and the emscripten runtime pieces we use. Pointers are i32: read them >>> 0. */
interface SaneWasmModule {
  HEAPU8: Uint8Array;
  _malloc(bytes: number): number;
  _free(ptr: number): void;
  _sane_error_pending(): number;
  _sane_error_message(): number;
  _sane_out_ptr(): number;
  _sane_out_len(): number;
  _sane_out_release(): void;
  _sane_version(): number;
  _sane_lanczos_create(
    n: number, steps: number, reorth: number, seed: number, ritzVectors: number, budget: number, start: number,
  ): number;
  _sane_lanczos_destroy(s: number): void;
  _sane_lanczos_done(s: number): number;
  _sane_lanczos_vector(s: number): number;
  _sane_lanczos_product(s: number): number;
  _sane_lanczos_step(s: number): number;
  _sane_lanczos_result(s: number): number;
  _sane_result_steps(s: number): number;
  _sane_result_invariant(s: number): number;
  _sane_result_ptr(s: number, field: number): number;
  _sane_result_len(s: number, field: number): number;
  _sane_result_release(s: number): void;
  _sane_tridiagonal_eigen(alpha: number, beta: number, m: number): number;
  _sane_symmetric_eigenvalues(a: number, n: number): number;
  _sane_effective_parameters(eig: number, n: number, z: number, policy: number): number;
  _sane_sharpness_adjusted(eig: number, n: number, c: number, policy: number, k: number): number;
  _sane_kth_largest_magnitude(eig: number, n: number, k: number): number;
  _sane_top_eigenvalues(eig: number, n: number, k: number, byMagnitude: number): number;
  _sane_slq_estimate(
    probes: number, counts: number, nodes: number, weights: number, n: number, f: number, alpha: number, policy: number,
  ): number;
  _sane_spectral_density(
    probes: number, counts: number, nodes: number, weights: number, grid: number, points: number, sigma: number,
  ): number;
  _sane_fd_step(theta: number, v: number, n: number, forward: number, relStep: number): number;
  _sane_fd_perturb(theta: number, v: number, n: number, eps: number, plus: number, minus: number): number;
  _sane_fd_combine(gPlus: number, gMinus: number, n: number, denominator: number, out: number): number;
  _sane_accumulate(acc: number, g: number, n: number, weight: number): number;
  _sane_lanczos_bytes(n: number, steps: number, reorth: number): number;
  _sane_default_memory_budget(): number;
}

type Factory = (overrides?: Record<string, unknown>) => Promise<SaneWasmModule>;

const kMaxSafeInteger = Number.MAX_SAFE_INTEGER;
const kIntMax = 2147483647;
/** One float64 vector of n entries must fit the 4 GiB heap. */
const kMaxWasmN = 2 ** 29;


/** Path of the committed WASM artifact. */
export function wasmArtifactPath(): string {
  return path.join(packageRoot(), 'wasm', 'dist', 'sane_core.cjs');
}

let loading: Promise<Core> | undefined;

export function loadWasmCore(): Promise<Core> {
  loading ??= instantiate().catch((err: unknown) => {
    loading = undefined; // a later call may succeed (e.g. after the artifact is built)
    throw err;
  });
  return loading;
}

let providedFactory: { factory: Factory; source: string } | undefined;

/**
 * Hands the loader the emscripten factory (createSaneCore of wasm/dist/sane_core.cjs) instead of letting it find the
 * artifact on disk: a browser bundle has no file system and imports the artifact itself (src/browser/worker.ts).
 * loadWasmCore() and loadCore() then use this factory.
 */
export function provideWasmCoreFactory(factory: unknown, source = 'the bundled WASM core'): void {
  if (typeof factory !== 'function') throw new Error(`${source} does not export a module factory`);
  providedFactory = { factory: factory as Factory, source };
  loading = undefined;
}

async function instantiate(): Promise<Core> {
  if (providedFactory) return coreFromFactory(providedFactory.factory, providedFactory.source);
  return loadWasmCoreFrom(wasmArtifactPath());
}

/** Loads a WASM core from a given artifact (the benchmark compares builds with it); loadWasmCore() is the API. */
export async function loadWasmCoreFrom(file: string): Promise<Core> {
  if (!existsSync(file)) {
    throw new Error(`WASM core not found at ${file}; rebuild it with \`npm run build:wasm\` (needs emscripten)`);
  }
  const require = createRequire(import.meta.url);
  let factory: Factory;
  try {
    factory = require(file) as Factory;
  } catch (err) {
    throw new Error(`WASM core at ${file} could not be loaded: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (typeof factory !== 'function') throw new Error(`WASM core at ${file} does not export a module factory`);
  return coreFromFactory(factory, `WASM core at ${file}`);
}

async function coreFromFactory(factory: Factory, source: string): Promise<Core> {
  const m = await factory();
  if (typeof m._sane_lanczos_create !== 'function') {
    throw new Error(`${source} does not export the SANE core API (stale build? run npm run build:wasm)`);
  }
  return new WasmCore(m).api();
}

// ---- argument checks (the addon's messages) -------------------------------------------------------------------

function float64Arg(v: unknown, name: string): Float64Array {
  if (!(v instanceof Float64Array)) throw new TypeError(`${name} must be a Float64Array`);
  return v;
}

function float32Arg(v: unknown, name: string): Float32Array {
  if (!(v instanceof Float32Array)) throw new TypeError(`${name} must be a Float32Array`);
  return v;
}

function numberArg(v: unknown, name: string): number {
  if (typeof v !== 'number') throw new TypeError(`${name} must be a number`);
  if (!Number.isFinite(v)) throw new RangeError(`${name} must be finite (got ${v})`);
  return v;
}

function integerArg(v: unknown, name: string, lo: number, hi: number): number {
  const x = numberArg(v, name);
  if (!Number.isInteger(x) || x < lo || x > hi) {
    throw new RangeError(`${name} must be an integer between ${lo} and ${hi} (got ${x})`);
  }
  return x;
}

function boolArg(v: unknown, name: string): boolean {
  if (typeof v !== 'boolean') throw new TypeError(`${name} must be a boolean`);
  return v;
}

function stringArg(v: unknown, name: string): string {
  if (typeof v !== 'string') throw new TypeError(`${name} must be a string`);
  return v;
}

function requireLength(got: number, want: number, name: string, why: string): void {
  if (got !== want) throw new RangeError(`${name} must have length ${want} (${why}), got ${got}`);
}

function policyArg(v: unknown, name: string): number {
  const s = stringArg(v, name);
  if (s === 'abs') return 0;
  if (s === 'clip') return 1;
  throw new RangeError(`${name} must be 'abs' or 'clip' (got '${s}')`);
}

function schemeArg(v: unknown, name: string): FdScheme {
  const s = stringArg(v, name);
  if (s === 'central' || s === 'forward') return s;
  throw new RangeError(`${name} must be 'central' or 'forward' (got '${s}')`);
}

function functionArg(v: unknown, name: string): number {
  const s = stringArg(v, name);
  if (s === 'neff') return 0;
  if (s === 'trace') return 1;
  if (s === 'count') return 2;
  throw new RangeError(`${name} must be 'neff', 'trace' or 'count' (got '${s}')`);
}

/** n of a vector the WASM heap must hold: the addon accepts up to 2^53, the 4 GiB heap far less. */
function wasmSizeArg(v: unknown, name: string): number {
  const n = integerArg(v, name, 1, kMaxSafeInteger);
  if (n > kMaxWasmN) {
    throw new RangeError(
      `${name} = ${n} is too large for the WASM core: one vector of ${n} doubles does not fit its 4 GiB heap; ` +
        'use the native core (SANE_CORE=native) or narrow the parameters (--params)',
    );
  }
  return n;
}

function probesArg(v: unknown, name: string): { counts: Int32Array; nodes: Float64Array; weights: Float64Array } {
  if (!Array.isArray(v)) throw new TypeError(`${name} must be an array of {nodes, weights}`);
  const counts = new Int32Array(v.length);
  let total = 0;
  const rules: { nodes: Float64Array; weights: Float64Array }[] = [];
  v.forEach((p: unknown, l) => {
    const at = `${name}[${l}]`;
    if (typeof p !== 'object' || p === null) throw new TypeError(`${at} must be an object {nodes, weights}`);
    const rule = p as Partial<QuadratureRule>;
    const nodes = float64Arg(rule.nodes, `${at}.nodes`);
    const weights = float64Arg(rule.weights, `${at}.weights`);
    requireLength(weights.length, nodes.length, `${at}.weights`, 'one weight per node');
    counts[l] = nodes.length;
    total += nodes.length;
    rules.push({ nodes, weights });
  });
  const nodes = new Float64Array(total);
  const weights = new Float64Array(total);
  let at = 0;
  for (const r of rules) {
    nodes.set(r.nodes, at);
    weights.set(r.weights, at);
    at += r.nodes.length;
  }
  return { counts, nodes, weights };
}

// ---- the Core over the module -----------------------------------------------------------------------------------

type HeapArray = Float64Array | Float32Array | Int32Array;

class WasmCore {
  private readonly versionString: string;
  /** Frees the WASM side of sessions the caller dropped without dispose(). */
  private readonly sessions = new FinalizationRegistry<number>((ptr) => this.m._sane_lanczos_destroy(ptr));

  constructor(private readonly m: SaneWasmModule) {
    this.versionString = `${this.cString(m._sane_version())}; WebAssembly (emscripten, LAPACK 3.11 via f2c)`;
  }

  // Fresh views over the current heap buffer (see the header comment).
  private f64(ptr: number, n: number): Float64Array {
    return new Float64Array(this.m.HEAPU8.buffer, ptr >>> 0, n);
  }
  private f32(ptr: number, n: number): Float32Array {
    return new Float32Array(this.m.HEAPU8.buffer, ptr >>> 0, n);
  }

  private cString(ptr: number): string {
    const heap = this.m.HEAPU8;
    const start = ptr >>> 0;
    let end = start;
    while (heap[end] !== 0) end++;
    return new TextDecoder().decode(heap.subarray(start, end));
  }

  /** Throws the core's message when the last call failed. */
  private check(): void {
    if (this.m._sane_error_pending()) throw new Error(this.cString(this.m._sane_error_message()));
  }

  private malloc(bytes: number, what: string): number {
    const p = this.m._malloc(Math.max(bytes, 8)) >>> 0;
    if (p === 0) {
      throw new Error(
        `out of memory in ${what}: the WASM heap could not grow by ${bytes} bytes (it is limited to 4 GiB, and the ` +
          'browser or Node may allow less); reduce the problem (--steps, --params) or use the native core',
      );
    }
    return p;
  }

  /** Copies arrays into freshly allocated heap memory, runs fn with their pointers and frees them. Entries given as
   *  a number allocate that many bytes uninitialised (outputs); null gives a null pointer. */
  private withHeap<T>(what: string, inputs: (HeapArray | number | null)[], fn: (ptrs: number[]) => T): T {
    const ptrs: number[] = [];
    try {
      for (const a of inputs) {
        ptrs.push(a === null ? 0 : this.malloc(typeof a === 'number' ? a : a.byteLength, what));
      }
      // All allocations are done: the buffer is final for the copies.
      const heap = this.m.HEAPU8;
      inputs.forEach((a, i) => {
        if (a !== null && typeof a !== 'number') heap.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), ptrs[i]);
      });
      return fn(ptrs);
    } finally {
      for (const p of ptrs) if (p) this.m._free(p);
    }
  }

  /** Copies g_out (the vector the last call returned) out of the heap and releases it. */
  private takeOut(): Float64Array {
    const out = this.f64(this.m._sane_out_ptr(), this.m._sane_out_len()).slice();
    this.m._sane_out_release();
    return out;
  }

  api(): Core {
    return {
      kind: 'wasm',
      version: () => this.versionString,
      createLanczos: (options) => this.createLanczos(options),
      tridiagonalEigen: (alpha, beta) => this.tridiagonalEigen(alpha, beta),
      symmetricEigenvalues: (a, n) => this.symmetricEigenvalues(a, n),
      // Synchronous in WASM (no threads in a single-file module); errors still arrive as rejections.
      symmetricEigenvaluesAsync: async (a, n) => this.symmetricEigenvalues(a, n),
      effectiveParameters: (eig, z, policy) => this.effectiveParameters(eig, z, policy),
      sharpnessAdjusted: (eig, c, policy, k) => this.sharpnessAdjusted(eig, c, policy, k),
      kthLargestMagnitude: (eig, k) => this.kthLargestMagnitude(eig, k),
      topEigenvalues: (eig, k, order) => this.topEigenvalues(eig, k, order),
      slqEstimate: (probes, n, f, alpha, policy) => this.slqEstimate(probes, n, f, alpha, policy),
      spectralDensity: (probes, grid, sigma) => this.spectralDensity(probes, grid, sigma),
      fdStep: (theta, v, scheme, relStep) => this.fdStep(theta, v, scheme, relStep),
      fdPerturb: (theta, v, eps, plus, minus) => this.fdPerturb(theta, v, eps, plus, minus),
      fdCombine: (gPlus, gMinus, denominator, out) => this.fdCombine(gPlus, gMinus, denominator, out),
      accumulate: (acc, g, weight) => this.accumulate(acc, g, weight),
      lanczosBytes: (n, steps, reorthogonalize) => {
        const nn = integerArg(n, 'n', 1, kMaxSafeInteger);
        const s = integerArg(steps, 'steps', 1, kIntMax);
        const r = boolArg(reorthogonalize, 'reorthogonalize');
        return this.m._sane_lanczos_bytes(nn, s, r ? 1 : 0);
      },
      defaultMemoryBudget: () => this.m._sane_default_memory_budget(),
    };
  }

  private createLanczos(options: LanczosOptions): LanczosSession {
    if (typeof options !== 'object' || options === null) {
      throw new TypeError('createLanczos(options): options must be an object');
    }
    const n = wasmSizeArg(options.n, 'options.n');
    const steps = integerArg(options.steps, 'options.steps', 1, kIntMax);
    const reorth = options.reorthogonalize === undefined ? true : boolArg(options.reorthogonalize, 'options.reorthogonalize');
    const seed = options.seed === undefined ? 0 : integerArg(options.seed, 'options.seed', 0, kMaxSafeInteger);
    const ritz =
      options.ritzVectors === undefined ? 0 : integerArg(options.ritzVectors, 'options.ritzVectors', 0, kIntMax);
    const budget =
      options.memoryBudget === undefined
        ? 0
        : integerArg(options.memoryBudget, 'options.memoryBudget', 0, kMaxSafeInteger);
    let start: Float64Array | null = null;
    if (options.start !== undefined) {
      start = float64Arg(options.start, 'options.start');
      requireLength(start.length, n, 'options.start', 'the operator dimension n');
    }
    const handle = this.withHeap('createLanczos', [start], ([startPtr]) => {
      const h = this.m._sane_lanczos_create(n, steps, reorth ? 1 : 0, seed, ritz, budget, startPtr) >>> 0;
      this.check();
      return h;
    });
    return this.session(handle, n);
  }

  private session(handle: number, n: number): LanczosSession {
    const m = this.m;
    let h = handle; // 0 once disposed
    const token = {};
    const alive = (method: string): number => {
      if (h === 0) throw new Error(`Lanczos.${method}(): this session has been disposed`);
      return h;
    };
    const step = (product: Float64Array): boolean => {
      const s = alive('step');
      const p = float64Arg(product, 'product');
      requireLength(p.length, n, 'product', 'the operator dimension n');
      if (m._sane_lanczos_done(s)) throw new Error('this Lanczos run has finished; call result() instead of step()');
      this.f64(m._sane_lanczos_product(s), n).set(p);
      const more = m._sane_lanczos_step(s);
      this.check();
      return more === 1;
    };
    const session: LanczosSession = {
      n,
      vector: () => this.f64(m._sane_lanczos_vector(alive('vector')), n).slice(),
      step,
      // Synchronous in WASM (no threads in a single-file module); errors still arrive as rejections.
      stepAsync: async (product) => step(product),
      result: (): LanczosResult => {
        const s = alive('result');
        m._sane_lanczos_result(s);
        this.check();
        try {
          const field = (f: number) => this.f64(m._sane_result_ptr(s, f), m._sane_result_len(s, f)).slice();
          const vectorValues = field(6);
          const all = this.f64(m._sane_result_ptr(s, 5), m._sane_result_len(s, 5));
          const ritzVectors: Float64Array[] = [];
          for (let t = 0; t < vectorValues.length; t++) ritzVectors.push(all.slice(t * n, (t + 1) * n));
          return {
            steps: m._sane_result_steps(s),
            invariant: m._sane_result_invariant(s) === 1,
            alpha: field(0),
            beta: field(1),
            ritzValues: field(2),
            weights: field(3),
            residuals: field(4),
            ritzVectors,
            ritzVectorValues: vectorValues,
          };
        } finally {
          m._sane_result_release(s);
        }
      },
      dispose: () => {
        if (h === 0) return;
        this.sessions.unregister(token);
        m._sane_lanczos_destroy(h);
        h = 0;
      },
    };
    this.sessions.register(session, handle, token);
    return session;
  }

  private tridiagonalEigen(alpha: Float64Array, beta: Float64Array) {
    const a = float64Arg(alpha, 'alpha');
    const b = float64Arg(beta, 'beta');
    if (a.length === 0) throw new RangeError('alpha must not be empty');
    requireLength(b.length, a.length - 1, 'beta', 'alpha.length - 1');
    const m = a.length;
    const all = this.withHeap('tridiagonalEigen', [a, b], ([pa, pb]) => {
      this.m._sane_tridiagonal_eigen(pa, pb, m);
      this.check();
      return this.takeOut();
    });
    return {
      values: all.slice(0, m),
      firstComponents: all.slice(m, 2 * m),
      lastComponents: all.slice(2 * m, 3 * m),
    };
  }

  private symmetricEigenvalues(a: Float64Array, n: number): Float64Array {
    const mat = float64Arg(a, 'a');
    const nn = integerArg(n, 'n', 1, 46340);
    requireLength(mat.length, nn * nn, 'a', 'n * n');
    // The copy in the heap is overwritten by LAPACK; the caller's array is left as it was.
    return this.withHeap('symmetricEigenvalues', [mat], ([pa]) => {
      this.m._sane_symmetric_eigenvalues(pa, nn);
      this.check();
      return this.takeOut();
    });
  }

  private effectiveParameters(eig: Float64Array, z: number, policy: NegativePolicy): number {
    const e = float64Arg(eig, 'eig');
    const zz = numberArg(z, 'z');
    const p = policyArg(policy, 'policy');
    return this.withHeap('effectiveParameters', [e], ([pe]) => {
      const r = this.m._sane_effective_parameters(pe, e.length, zz, p);
      this.check();
      return r;
    });
  }

  private sharpnessAdjusted(eig: Float64Array, c: number, policy: NegativePolicy, k: number): number {
    const e = float64Arg(eig, 'eig');
    const cc = numberArg(c, 'c');
    const p = policyArg(policy, 'policy');
    const kk = integerArg(k, 'k', 1, kIntMax);
    return this.withHeap('sharpnessAdjusted', [e], ([pe]) => {
      const r = this.m._sane_sharpness_adjusted(pe, e.length, cc, p, kk);
      this.check();
      return r;
    });
  }

  private kthLargestMagnitude(eig: Float64Array, k: number): number {
    const e = float64Arg(eig, 'eig');
    const kk = integerArg(k, 'k', 1, kIntMax);
    return this.withHeap('kthLargestMagnitude', [e], ([pe]) => {
      const r = this.m._sane_kth_largest_magnitude(pe, e.length, kk);
      this.check();
      return r;
    });
  }

  private topEigenvalues(eig: Float64Array, k: number, order: 'magnitude' | 'algebraic'): Float64Array {
    const e = float64Arg(eig, 'eig');
    const kk = integerArg(k, 'k', 1, kIntMax);
    const o = stringArg(order, 'order');
    if (o !== 'magnitude' && o !== 'algebraic') {
      throw new RangeError(`order must be 'magnitude' or 'algebraic' (got '${o}')`);
    }
    return this.withHeap('topEigenvalues', [e], ([pe]) => {
      this.m._sane_top_eigenvalues(pe, e.length, kk, o === 'magnitude' ? 1 : 0);
      this.check();
      return this.takeOut();
    });
  }

  private slqEstimate(
    probes: QuadratureRule[], n: number, f: SpectralFunction, alpha: number, policy: NegativePolicy,
  ): Estimate {
    const pr = probesArg(probes, 'probes');
    const nn = integerArg(n, 'n', 1, kMaxSafeInteger);
    const fn = functionArg(f, 'f');
    const a = numberArg(alpha, 'alpha');
    const p = policyArg(policy, 'policy');
    const out = this.withHeap('slqEstimate', [pr.counts, pr.nodes, pr.weights], ([pc, pn, pw]) => {
      this.m._sane_slq_estimate(pr.counts.length, pc, pn, pw, nn, fn, a, p);
      this.check();
      return this.takeOut();
    });
    return { value: out[0], stdErr: out[1] };
  }

  private spectralDensity(probes: QuadratureRule[], grid: Float64Array, sigma: number): Float64Array {
    const pr = probesArg(probes, 'probes');
    const g = float64Arg(grid, 'grid');
    const s = numberArg(sigma, 'sigma');
    return this.withHeap('spectralDensity', [pr.counts, pr.nodes, pr.weights, g], ([pc, pn, pw, pg]) => {
      this.m._sane_spectral_density(pr.counts.length, pc, pn, pw, pg, g.length, s);
      this.check();
      return this.takeOut();
    });
  }

  private fdStep(theta: Float32Array, v: Float64Array, scheme: FdScheme, relStep?: number): number {
    const t = float32Arg(theta, 'theta');
    const vv = float64Arg(v, 'v');
    requireLength(vv.length, t.length, 'v', 'theta.length');
    const sc = schemeArg(scheme, 'scheme');
    let rel = 0;
    if (relStep !== undefined) {
      rel = numberArg(relStep, 'relStep');
      if (!(rel > 0)) throw new RangeError(`relStep must be positive (got ${rel})`);
    }
    return this.withHeap('fdStep', [t, vv], ([pt, pv]) => {
      const r = this.m._sane_fd_step(pt, pv, t.length, sc === 'forward' ? 1 : 0, rel);
      this.check();
      return r;
    });
  }

  private fdPerturb(theta: Float32Array, v: Float64Array, eps: number, plus: Float32Array, minus?: Float32Array): number {
    const t = float32Arg(theta, 'theta');
    const n = t.length;
    const vv = float64Arg(v, 'v');
    requireLength(vv.length, n, 'v', 'theta.length');
    const e = numberArg(eps, 'eps');
    const pl = float32Arg(plus, 'plus');
    requireLength(pl.length, n, 'plus', 'theta.length');
    let mi: Float32Array | undefined;
    if (minus !== undefined) {
      mi = float32Arg(minus, 'minus');
      requireLength(mi.length, n, 'minus', 'theta.length');
    }
    return this.withHeap('fdPerturb', [t, vv, 4 * n, mi ? 4 * n : null], ([pt, pv, pp, pm]) => {
      const r = this.m._sane_fd_perturb(pt, pv, n, e, pp, pm);
      this.check();
      pl.set(this.f32(pp, n));
      if (mi) mi.set(this.f32(pm, n));
      return r;
    });
  }

  private fdCombine(gPlus: Float64Array, gMinus: Float64Array, denominator: number, out: Float64Array): void {
    const gp = float64Arg(gPlus, 'gPlus');
    const gm = float64Arg(gMinus, 'gMinus');
    requireLength(gm.length, gp.length, 'gMinus', 'gPlus.length');
    const den = numberArg(denominator, 'denominator');
    const o = float64Arg(out, 'out');
    requireLength(o.length, gp.length, 'out', 'gPlus.length');
    this.withHeap('fdCombine', [gp, gm, 8 * o.length], ([pp, pm, po]) => {
      this.m._sane_fd_combine(pp, pm, gp.length, den, po);
      this.check();
      o.set(this.f64(po, o.length));
    });
  }

  private accumulate(acc: Float64Array, g: Float32Array, weight: number): void {
    const a = float64Arg(acc, 'acc');
    const gg = float32Arg(g, 'g');
    requireLength(gg.length, a.length, 'g', 'acc.length');
    const w = numberArg(weight, 'weight');
    this.withHeap('accumulate', [a, gg], ([pa, pg]) => {
      this.m._sane_accumulate(pa, pg, a.length, w);
      this.check();
      a.set(this.f64(pa, a.length));
    });
  }
}
