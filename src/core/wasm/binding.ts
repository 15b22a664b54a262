// The CoreBinding over the WebAssembly module: each method copies its (already checked: src/core/checked.ts)
// arguments into the heap, calls the C entry point of wasm/bindings.cpp and copies the result out.
//
// Async variants (stepAsync, symmetricEigenvaluesAsync) run synchronously and return settled promises: the module
// is a single-file build without pthreads (those need SharedArrayBuffer, cross-origin isolation in browsers and a
// separate worker file), so there is no thread to move the work to. Callers that must keep an event loop responsive
// can run the whole WASM core in a worker_thread / Web Worker.
import type { BindingSession, CoreBinding, LanczosConfig } from '../binding.js';
import type { FdPointsTarget, LanczosResult, NegativePolicy, QuadratureRule, SpectralFunction } from '../types.js';
import { Heap } from './heap.js';
import type { SaneWasmModule } from './module.js';

/** One float64 vector of n entries must fit the 4 GiB heap. */
const kMaxWasmN = 2 ** 29;

/** 1 for a float32 array (the C side's flag for a direction or gradient in float32), 0 for float64. */
const isF32 = (a: Float32Array | Float64Array) => (a instanceof Float32Array ? 1 : 0);

const policyCode = (p: NegativePolicy) => (p === 'clip' ? 1 : 0);
const functionCode: Record<SpectralFunction, number> = { neff: 0, trace: 1, count: 2 };

/** Probes flattened for the C side: counts[p] nodes for probe p, nodes and weights concatenated in probe order. */
function flattenProbes(probes: QuadratureRule[]): { counts: Int32Array; nodes: Float64Array; weights: Float64Array } {
  const counts = Int32Array.from(probes, (p) => p.nodes.length);
  const total = counts.reduce((a, c) => a + c, 0);
  const nodes = new Float64Array(total);
  const weights = new Float64Array(total);
  let at = 0;
  for (const p of probes) {
    nodes.set(p.nodes, at);
    weights.set(p.weights, at);
    at += p.nodes.length;
  }
  return { counts, nodes, weights };
}

export function wasmBinding(m: SaneWasmModule): CoreBinding {
  const heap = new Heap(m);
  // Frees the WASM side of sessions the caller dropped without dispose().
  const sessions = new FinalizationRegistry<number>((ptr) => m._sane_lanczos_destroy(ptr));
  const version = `${heap.cString(m._sane_version())}; WebAssembly (emscripten, LAPACK 3.11 via f2c)`;

  const createLanczos = (c: LanczosConfig): BindingSession => {
    const flags = (c.reorthogonalize ? 1 : 0) | (c.partial ? 2 : 0) | (c.float32Basis ? 4 : 0) | (c.float32Vectors ? 8 : 0);
    // Deflated rows are copied into the heap once per session (the core reads them at every step) and freed with it.
    const rows = c.deflation ?? [];
    const rowPtrs: number[] = [];
    let handle: number;
    try {
      for (const r of rows) rowPtrs.push(heap.malloc(r.byteLength, 'createLanczos (deflated vectors)'));
      rows.forEach((r, i) => heap.f32(rowPtrs[i], r.length).set(r));
      handle = heap.with('createLanczos', [c.start ?? null, Int32Array.from(rowPtrs)], ([startPtr, tablePtr]) => {
        const h = m._sane_lanczos_create(c.n, c.steps, flags, c.seed, c.ritzVectors, c.memoryBudget, startPtr, rows.length ? tablePtr : 0, rows.length) >>> 0;
        heap.check();
        return h;
      });
    } catch (e) {
      for (const p of rowPtrs) m._free(p);
      throw e;
    }
    const freeRows = () => {
      for (const p of rowPtrs) m._free(p);
      rowPtrs.length = 0;
    };
    const n = c.n;
    const token = {};
    const readResult = (withVectors: boolean): LanczosResult => {
      m._sane_lanczos_result(handle, withVectors ? 1 : 0);
      heap.check();
      try {
        const field = (f: number) => heap.f64(m._sane_result_ptr(handle, f), m._sane_result_len(handle, f)).slice();
        const vectorValues = field(6);
        const ritzVectors: (Float64Array | Float32Array)[] = [];
        const float32 = m._sane_result_count32(handle) > 0;
        for (let t = 0; t < vectorValues.length; t++) {
          ritzVectors.push(float32
            ? heap.f32(m._sane_result_ptr32(handle, t), n).slice()
            : heap.f64(m._sane_result_ptr(handle, 5), m._sane_result_len(handle, 5)).slice(t * n, (t + 1) * n));
        }
        return {
          steps: m._sane_result_steps(handle),
          invariant: m._sane_result_invariant(handle) === 1,
          reorthogonalizations: m._sane_result_reorthogonalizations(handle),
          alpha: field(0),
          beta: field(1),
          ritzValues: field(2),
          weights: field(3),
          residuals: field(4),
          ritzVectors,
          ritzVectorValues: vectorValues,
        };
      } finally {
        m._sane_result_release(handle);
      }
    };
    const step = (product: Float64Array): boolean => {
      heap.f64(m._sane_lanczos_product(handle), n).set(product);
      const more = m._sane_lanczos_step(handle);
      heap.check();
      return more === 1;
    };
    // q_j where the core keeps it: float32 with float32 vectors, float64 otherwise.
    const current = (): Float32Array | Float64Array => {
      const p32 = m._sane_lanczos_vector32(handle) >>> 0;
      return p32 ? heap.f32(p32, n) : heap.f64(m._sane_lanczos_vector(handle), n);
    };
    let view: Float32Array | Float64Array | undefined;
    // attachFdPoints' arrays: the core writes the points in its heap; fdPoints() copies them here.
    let target: FdPointsTarget | undefined;
    const session: BindingSession = {
      vector: (out) => {
        const q = current();
        if (out === undefined) return Float64Array.from(q);
        out.set(q);
        return out;
      },
      // A view of the heap would be invalidated by its growth: copied into one array (of q_j's type) kept for the
      // session.
      vectorView: () => {
        const q = current();
        view ??= q instanceof Float32Array ? new Float32Array(n) : new Float64Array(n);
        view.set(q);
        return view;
      },
      step,
      stepAsync: async (product) => step(product),
      attachFdPoints(o) {
        target = undefined; // a refused target leaves none
        heap.with('attachFdPoints', [o.theta], ([pt]) => {
          m._sane_lanczos_attach_fd(handle, pt, o.thetaScale, o.scheme === 'forward' ? 1 : 0, o.relStep ?? 0);
          heap.check();
        });
        target = o;
      },
      fdPoints() {
        const t = target!;
        const denominator = m._sane_lanczos_fd_denominator(handle);
        heap.check();
        t.plus.set(heap.f32(m._sane_lanczos_fd_plus(handle), n));
        if (t.minus) t.minus.set(heap.f32(m._sane_lanczos_fd_minus(handle), n));
        return { eps: m._sane_lanczos_fd_eps(handle), denominator, denominator2: 0 };
      },
      ritz: () => readResult(false),
      result: () => readResult(true),
      dispose: () => {
        sessions.unregister(token);
        m._sane_lanczos_destroy(handle);
        freeRows();
      },
    };
    sessions.register(session, handle, token);
    return session;
  };

  const symmetricEigenvalues = (a: Float64Array, n: number): Float64Array =>
    // The copy in the heap is overwritten by LAPACK; the caller's array is left as it was.
    heap.with('symmetricEigenvalues', [a], ([pa]) => {
      m._sane_symmetric_eigenvalues(pa, n);
      heap.check();
      return heap.takeOut();
    });

  /** Calls fn with the heap copies of `inputs`, checks the error flag, returns fn's value. */
  const call = <T>(what: string, inputs: (Float64Array | Float32Array | Int32Array | number | null)[], fn: (p: number[]) => T): T =>
    heap.with(what, inputs, (ptrs) => {
      const r = fn(ptrs);
      heap.check();
      return r;
    });

  /** The result of sane_fd_richardson(_onto), left in g_out. */
  const richardsonOut = () => {
    const r = heap.takeOut();
    return { firstNonFinite: r[0], fdError: r[1], correctionSquares: r[2], productSquares: r[3] };
  };

  return {
    maxN: kMaxWasmN,
    version: () => version,
    pooledBytes: () => m._sane_pooled_bytes(),
    createLanczos,
    tridiagonalEigen(alpha, beta) {
      const k = alpha.length;
      call('tridiagonalEigen', [alpha, beta], ([pa, pb]) => m._sane_tridiagonal_eigen(pa, pb, k));
      const out = heap.takeOut();
      return { values: out.slice(0, k), firstComponents: out.slice(k, 2 * k), lastComponents: out.slice(2 * k, 3 * k) };
    },
    symmetricEigenvalues,
    // Synchronous in WASM (no threads in a single-file module); errors still arrive as rejections.
    symmetricEigenvaluesAsync: async (a, n) => symmetricEigenvalues(a, n),
    effectiveParameters: (eig, z, policy) =>
      call('effectiveParameters', [eig], ([p]) => m._sane_effective_parameters(p, eig.length, z, policyCode(policy))),
    sharpnessAdjusted: (eig, c, policy, k) =>
      call('sharpnessAdjusted', [eig], ([p]) => m._sane_sharpness_adjusted(p, eig.length, c, policyCode(policy), k)),
    kthLargestMagnitude: (eig, k) =>
      call('kthLargestMagnitude', [eig], ([p]) => m._sane_kth_largest_magnitude(p, eig.length, k)),
    topEigenvalues(eig, k, order) {
      call('topEigenvalues', [eig], ([p]) => m._sane_top_eigenvalues(p, eig.length, k, order === 'magnitude' ? 1 : 0));
      return heap.takeOut();
    },
    slqEstimate(probes, n, f, alpha, policy) {
      const pr = flattenProbes(probes);
      call('slqEstimate', [pr.counts, pr.nodes, pr.weights], ([pc, pn, pw]) =>
        m._sane_slq_estimate(pr.counts.length, pc, pn, pw, n, functionCode[f], alpha, policyCode(policy)),
      );
      const out = heap.takeOut();
      return { value: out[0], stdErr: out[1] };
    },
    spectralDensity(probes, grid, sigma) {
      const pr = flattenProbes(probes);
      call('spectralDensity', [pr.counts, pr.nodes, pr.weights, grid], ([pc, pn, pw, pg]) =>
        m._sane_spectral_density(pr.counts.length, pc, pn, pw, pg, grid.length, sigma),
      );
      return heap.takeOut();
    },
    fdStep: (theta, v, scheme, relStep) =>
      call('fdStep', [theta, v], ([pt, pv]) =>
        m._sane_fd_step(pt, pv, isF32(v), theta.length, scheme === 'forward' ? 1 : 0, relStep ?? 0),
      ),
    fdPerturb(theta, v, eps, plus, minus) {
      const n = theta.length;
      // One array as both (a point at a time): one heap buffer as both too, which the core leaves holding the minus
      // point, as it does natively; no second buffer and copy.
      const second = minus !== undefined && minus !== plus;
      return call('fdPerturb', [theta, v, 4 * n, second ? 4 * n : null], ([pt, pv, pp, pm]) => {
        const r = m._sane_fd_perturb(pt, pv, isF32(v), n, eps, pp, second ? pm : minus ? pp : 0);
        if (!m._sane_error_pending()) {
          plus.set(heap.f32(pp, n));
          if (second) minus.set(heap.f32(pm, n));
        }
        return r;
      });
    },
    fdCombine(gPlus, gMinus, denominator, out) {
      call('fdCombine', [gPlus, gMinus, 8 * out.length], ([pp, pm, po]) => {
        m._sane_fd_combine(pp, pm, gPlus.length, denominator, po);
        if (!m._sane_error_pending()) out.set(heap.f64(po, out.length));
      });
    },
    accumulate(acc, g, weight) {
      call('accumulate', [acc, g], ([pa, pg]) => {
        m._sane_accumulate(pa, pg, acc.length, weight);
        if (!m._sane_error_pending()) acc.set(heap.f64(pa, acc.length));
      });
    },
    fdThetaScale: (theta) => call('fdThetaScale', [theta], ([pt]) => m._sane_fd_theta_scale(pt, theta.length)),
    fdPoints(theta, v, thetaScale, scheme, relStep, plus, minus, plus2, minus2) {
      const n = theta.length;
      const bytes = (a: Float32Array | undefined) => (a ? 4 * n : null);
      call('fdPoints', [theta, v, 4 * n, bytes(minus), bytes(plus2), bytes(minus2)], ([pt, pv, pp, pm, pp2, pm2]) => {
        m._sane_fd_points(pt, pv, isF32(v), n, thetaScale, scheme === 'forward' ? 1 : 0, relStep ?? 0, pp, pm, pp2, pm2);
        if (!m._sane_error_pending()) {
          plus.set(heap.f32(pp, n));
          if (minus) minus.set(heap.f32(pm, n));
          if (plus2) plus2.set(heap.f32(pp2, n));
          if (minus2) minus2.set(heap.f32(pm2, n));
        }
      });
      const r = heap.takeOut();
      return { eps: r[0], denominator: r[1], denominator2: r[2] };
    },
    fdCombineChecked(gPlus, gMinus, denominator, out) {
      return call('fdCombineChecked', [gPlus, gMinus, 8 * out.length], ([pp, pm, po]) => {
        const bad = m._sane_fd_combine_checked(pp, isF32(gPlus), pm, isF32(gMinus), gPlus.length, denominator, po);
        if (!m._sane_error_pending()) out.set(heap.f64(po, out.length));
        return bad;
      });
    },
    fdRichardson(g1Plus, g1Minus, g2Plus, g2Minus, den1, den2, out) {
      call('fdRichardson', [g1Plus, g1Minus, g2Plus, g2Minus, 8 * out.length], ([a, b, c, d, po]) => {
        m._sane_fd_richardson(a, b, c, d, isF32(g1Plus), g1Plus.length, den1, den2, po);
        if (!m._sane_error_pending()) out.set(heap.f64(po, out.length));
      });
      return richardsonOut();
    },
    fdRichardsonOnto(g2Plus, g2Minus, den1, den2, inout) {
      call('fdRichardsonOnto', [g2Plus, g2Minus, inout], ([a, b, pio]) => {
        m._sane_fd_richardson_onto(a, b, isF32(g2Plus), g2Plus.length, den1, den2, pio);
        if (!m._sane_error_pending()) inout.set(heap.f64(pio, inout.length));
      });
      return richardsonOut();
    },
    lanczosBytes: (n, steps, reorthogonalize, float32Basis) =>
      m._sane_lanczos_bytes(n, steps, reorthogonalize ? 1 : 0, float32Basis ? 1 : 0),
    defaultMemoryBudget: () => m._sane_default_memory_budget(),
  };
}
