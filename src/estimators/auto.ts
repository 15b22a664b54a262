// Estimator dispatch: exact (full spectrum), lanczos (one run: extremes with residual bounds, sums from its single
// quadrature rule), slq (a Lanczos run for λ_max, the top eigenvalues and the outliers to deflate, then probes on the
// rest), and auto (exact up to exactLimit, else lanczos+slq).
import type { Core } from '../core/types.js';
import type { LinearOperator } from './linear-operator.js';
import { fromCoreError } from '../core/errors.js';
import { DEFAULT_EXACT_LIMIT, exactSpectrum, type DenseHessian } from './exact.js';
import { LANCZOS_BASIS_BYTES, LANCZOS_TOL, NO_BASIS_TOL, PRE_SLQ_TOL, PRE_SLQ_BASIS_BYTES, SYNC_STEP_BYTES, defaultLanczosSteps, extremesConverged, isConverged, planBasis, runLanczos, withoutGhosts } from './lanczos.js';
import { metricsFromQuadrature, metricsFromSpectrum, type MetricOptions, type SpectralMetrics } from './metrics.js';
import { DEFAULT_PROBES, MIN_PROBES, defaultSlqSteps, runSlq, spreadNegligible } from './slq.js';
import { quadratureSettled } from './probe-quadrature.js';
import { replayRitzVectors } from './replay-ritz-vectors.js';
import { releaseGarbage } from '../util/release-garbage.js';

export type ResolvedEstimator = 'exact' | 'lanczos' | 'slq' | 'lanczos+slq';

export interface EstimateOptions extends MetricOptions {
  estimator: 'auto' | 'exact' | 'lanczos' | 'slq';
  exactLimit?: number;
  steps?: number;
  probes?: number;
  seed: number;
  memoryBudget?: number;
  /** The operator for the SLQ probes, when the sums can use cheaper products than the extremes (default: op). */
  sumsOperator?: LinearOperator;
  /** The bytes of float32 rows past which the run ahead of SLQ keeps no basis and replays itself for the vectors
   *  it deflates, half of these bytes holding them (default PRE_SLQ_BASIS_BYTES). For tests. */
  preSlqBasisBytes?: number;
  /** The bytes of float32 rows (at the default step cap) past which the lanczos estimator keeps no basis (default
   *  LANCZOS_BASIS_BYTES). For tests. */
  lanczosBasisBytes?: number;
  /** Whether the SLQ probes keep a basis and reorthogonalise (default: only while that basis is small; see
   *  estimate()). For tests and benchmarks that compare the two. */
  probeReorthogonalization?: boolean;
  /** Whether the probes' basis rows are float32 (default: above SYNC_STEP_BYTES of double rows; see estimate()).
   *  For tests that compare the two. */
  probeFloat32Basis?: boolean;
  /** Whether runs without a stored basis keep q_{j-1} and q_j in float32 (default: for finite-difference operators,
   *  NO_BASIS_F32_VECTORS). For tests and benchmarks that compare the two. */
  float32Vectors?: boolean;
  /** Progress: products expected in the current plan and the stage name. */
  onPlan?: (stage: string, expectedProducts: number) => void;
}

export interface EstimateResult {
  estimator: ResolvedEstimator;
  metrics: SpectralMetrics;
  products: number;
  /** The full spectrum (exact) and the assembled matrix, for per-layer sub-blocks. */
  eigenvalues?: Float64Array;
  hessian?: DenseHessian;
  /** What was actually used (steps, probes, deflated outliers), for ScoreResult.options. */
  settings: Record<string, unknown>;
  /** What the user should know about how the run was shaped (ScoreResult.warnings). */
  warnings?: string[];
}

/** Relative residual below which a Ritz pair is deflated (taken as exact) before the SLQ probes. */
const DEFLATION_TOL = 1e-5;
/** Caps on the Ritz vectors kept for deflation: they are n doubles each, and each costs 4n flops per product
 *  (negligible next to an HVP). Bytes, not entries, bound them, so outliers are deflated at any P that leaves room. */
const MAX_DEFLATION_BYTES = 512 * 2 ** 20;
const MAX_DEFLATION_VECTORS = 32;
/** Relative residual ‖Hy − ρy‖/scale a replayed Ritz vector (no stored basis) must reach to be deflated. Looser than
 *  DEFLATION_TOL because the run stops at NO_BASIS_TOL and the check's own product carries the finite-difference
 *  noise; still harmless to the sums: a vector at angle φ ≈ residual/gap from its eigenvector leaves λ·sin²φ of it in
 *  the deflated operator (1e-3 of the scale at a gap of 3% leaves 1e-3 of the outlier), and ρ is off by
 *  residual²/gap. */
const REPLAY_DEFLATION_TOL = 1e-3;

/** Whether runs without a stored basis (the Lanczos run and its replay past 2.2M parameters, the probes past 224k)
 *  keep q_{j-1} and q_j in float32, 8 bytes a parameter less where memory is what decides (ResNet-18 and up; 1 GB
 *  at GPT-2 small's 124M): for finite-difference products. Their rounding, 6e-8 relative, enters each step once
 *  and, like the products' own noise, ends the convergence of the residual bounds: on an exact operator they level
 *  off near 1e-5 of the scale instead of 1e-14 (test/core.float32-vectors.test.ts), which is why exact operators
 *  keep them in double. Runs without a basis stop at NO_BASIS_TOL (1e-4) anyway, because FD products carry ~1e-5;
 *  on lenet (forced without a basis) λ_max and the top-5 moved by 1e-6 to 5e-6 and SANE by 0.2% of ±3.5% with
 *  q_{j-1} alone in float32 (README). */
const NO_BASIS_F32_VECTORS = (op: LinearOperator) => op.finiteDifference === true;

export function resolveEstimator(name: EstimateOptions['estimator'], n: number, exactLimit: number): ResolvedEstimator {
  if (name === 'auto') return n <= exactLimit ? 'exact' : 'lanczos+slq';
  return name;
}

export async function estimate(core: Core, op: LinearOperator, o: EstimateOptions): Promise<EstimateResult> {
  const n = op.n;
  const exactLimit = o.exactLimit ?? DEFAULT_EXACT_LIMIT;
  const which = resolveEstimator(o.estimator, n, exactLimit);
  if (which === 'exact') {
    o.onPlan?.('exact', n);
    const { eigenvalues, hessian } = await exactSpectrum(core, op, exactLimit);
    return { estimator: 'exact', metrics: metricsFromSpectrum(core, eigenvalues, o), products: n, eigenvalues, hessian, settings: { exactLimit } };
  }

  let budget: number;
  try {
    budget = o.memoryBudget && o.memoryBudget > 0 ? o.memoryBudget : core.defaultMemoryBudget();
  } catch (e) {
    throw fromCoreError(e);
  }
  // The run stops when what is read from it has converged (lanczos: λ_max, λ_min and the top-k by magnitude, k also
  // covering SANE_k's k-th, to 1e-8; ahead of SLQ: λ_max and the top-k to 1e-6);
  // `steps` (lanczos) or the default is only a cap. A cap the user did not give may shrink to fit the memory.
  const need = Math.max(1, o.top, o.saneK);
  const userSteps = which === 'lanczos' ? o.steps : undefined;
  const cap = Math.min(n, userSteps ?? defaultLanczosSteps(n, o.top));
  const minSteps = Math.min(n, Math.max(2 * need + 10, 20));
  let plan = planBasis(core, n, cap, budget, { mayShrink: userSteps === undefined, minSteps });
  const basisBytes = o.preSlqBasisBytes ?? PRE_SLQ_BASIS_BYTES;
  // The float32 vectors a run ahead of SLQ without a basis may replay for deflation and keep through the probes:
  // half of the basis budget, 6 at ResNet-18's 11.2M, 2 at resnet50's 23.5M.
  const deflationRoom = Math.min(MAX_DEFLATION_VECTORS, Math.floor(basisBytes / 2 / (4 * n)));
  const warnings: string[] = [];
  let wantVectors = 0;
  if (which !== 'lanczos') {
    // SLQ must not fail for memory: deflation vectors only in what the basis leaves (they are formed in double,
    // kept while the probes run), then no stored basis at all (quadrature without reorthogonalisation is still
    // sound; only the deflation and the sharp top-k are lost). The lanczos estimator keeps the user's request and
    // lets the core's memory guard explain what to change.
    const basis = core.lanczosBytes(n, plan.steps, true, plan.float32Basis);
    // A basis whose float32 rows would pass basisBytes (512 MiB: P above 2.2M at the default 60-step cap) is not
    // stored at all: the run keeps three vectors, λ_max and the top-k keep their residual bounds (to NO_BASIS_TOL,
    // 1e-4 of the scale, below the products' noise), and the converged outliers are deflated all the same, their
    // vectors summed up by replaying the run (below). Measured against restarting with locking in the rows that fit
    // (the default until the eighth session, since removed): ResNet-18 (11.2M, 12 rows) took 108 Richardson products
    // ahead of SLQ and 1.52 GB, the replay 56 + 62 and 1.21 GB, six outliers deflated, the sums' quadrature error
    // 367 against 320 (335 in another run); efficientnet_b0 (4.0M, 33 rows) 65 products and 1.25 GB against 42 + 47
    // and 0.60 GB; a 15.9M ResNet in 8 rows locked λ_max only, its top-5 unconverged after 15 cycles (the
    // 120-product cap), and resnet50 (23.5M) in 8 rows went past 2.35 GB.
    const basisTooBig = 4 * n * plan.steps > basisBytes;
    if (basis > budget || basisTooBig) {
      plan = { steps: cap, reorthogonalize: false, float32Basis: false };
    } else {
      const room = Math.min(budget - basis, MAX_DEFLATION_BYTES);
      wantVectors = Math.max(0, Math.min(plan.steps, MAX_DEFLATION_VECTORS, Math.floor(room / ((plan.float32Basis ? 4 : 8) * n))));
    }
  } else if (userSteps === undefined) {
    // The lanczos estimator with its default cap keeps no stored basis (three P-vectors) where float32 rows for the
    // cap would pass lanczosBasisBytes (1 GiB: P above 4.5M at the 60-step cap; ResNet-18's 44 rows held the process
    // at 2.69 GB natively, 3.09 GB on the WASM core, against 0.76 and 1.17 GB without them), or where not even
    // float32 rows for minSteps steps fit the budget (GPT-2 small, P = 124M: 12 GiB for 20 steps against half of a
    // 24 GB machine).
    // Its extremes keep their residual bounds (Paige: a Ritz value with a small bound is that close to an
    // eigenvalue, orthogonal basis or not), to NO_BASIS_TOL; the ghost copies of converged values that the lost
    // orthogonality brings are merged (withoutGhosts). A --steps the user gave is kept as asked, with its basis: the
    // guard explains what to change.
    const overBudget = core.lanczosBytes(n, plan.steps, true, plan.float32Basis) > budget;
    if (overBudget) {
      const gib = (b: number) => `${(b / 2 ** 30).toFixed(2)} GiB`;
      warnings.push(
        `the Lanczos basis for ${plan.steps} steps over ${n} parameters (${gib(core.lanczosBytes(n, plan.steps, true, true))} in float32) ` +
          `exceeds the memory budget (${gib(budget)}): ran without a stored basis (no reorthogonalisation); the top eigenvalues ` +
          `keep their residual bounds, ghost copies of converged ones are merged`,
      );
    }
    if (overBudget || 4 * n * cap > (o.lanczosBasisBytes ?? LANCZOS_BASIS_BYTES)) plan = { steps: cap, reorthogonalize: false, float32Basis: false };
  }
  // Without a stored basis the residual bounds level off near the products' noise: stop at NO_BASIS_TOL.
  const tol = !plan.reorthogonalize ? Math.max(NO_BASIS_TOL, which === 'lanczos' ? LANCZOS_TOL : PRE_SLQ_TOL) : which === 'lanczos' ? LANCZOS_TOL : PRE_SLQ_TOL;
  const lanczosSteps = plan.steps;
  const lanczosReorth = plan.reorthogonalize;
  o.onPlan?.('lanczos', lanczosSteps);
  // Runs without a basis keep their vectors in float32 (NO_BASIS_F32_VECTORS).
  const float32Vectors = !plan.reorthogonalize && (o.float32Vectors ?? NO_BASIS_F32_VECTORS(op));
  const lz = await runLanczos(core, op, {
    steps: lanczosSteps, seed: o.seed, ritzVectors: wantVectors, reorthogonalize: plan.reorthogonalize,
    float32Basis: plan.float32Basis, float32Vectors, memoryBudget: o.memoryBudget, stopWhen: extremesConverged(need, tol, minSteps, which === 'lanczos', !plan.reorthogonalize),
  });
  const r = lz.result;
  const allPairs = Array.from(r.ritzValues, (value, i) => ({ value, residual: r.residuals[i] }))
    .sort((x, y) => Math.abs(y.value) - Math.abs(x.value) || y.value - x.value);
  const ritzMax = r.ritzValues.length ? Math.max(...r.ritzValues) : 0;
  const ritzMin = r.ritzValues.length ? Math.min(...r.ritzValues) : 0;
  const scale = Math.max(Math.abs(ritzMax), Math.abs(ritzMin));
  // Without a stored basis, converged values come with ghost copies: each counts once in the top-k.
  const byMag = plan.reorthogonalize ? allPairs : withoutGhosts(allPairs, scale, tol);
  const k = Math.max(1, Math.min(o.saneK, byMag.length));
  const top = byMag.slice(0, o.top).map((x) => x.value);
  const topResiduals = byMag.slice(0, o.top).map((x) => x.residual);

  if (which === 'lanczos') {
    // The run started from a Rademacher vector, so its Gauss rule is one SLQ probe: the sums would have no error bar,
    // so metricsFromQuadrature reports them as null (use slq or auto for SANE, N_eff and the trace).
    const rule = { nodes: r.ritzValues, weights: r.weights };
    const metrics = metricsFromQuadrature(core, {
      n, rules: [rule], lambdaMax: ritzMax, lambdaMin: ritzMin, topEigenvalues: top, kthMagnitude: Math.abs(byMag[k - 1]?.value ?? 0),
    }, o);
    return {
      estimator: 'lanczos', metrics, products: lz.products,
      settings: {
        steps: r.steps, maxSteps: lanczosSteps, converged: lz.converged, invariant: r.invariant, topResiduals,
        lambdaMinResidual: r.residuals[0],
        float32Basis: plan.float32Basis, reorthogonalize: plan.reorthogonalize, reorthogonalizations: r.reorthogonalizations,
      },
      warnings,
    };
  }

  // Deflate the converged Ritz pairs (the vectors come largest |value| first).
  // Kept in float32 (half the memory; see Deflation), and the double copies dropped before the probes run.
  const values: number[] = [];
  const vectors: Float32Array[] = [];
  for (let i = 0; i < r.ritzVectors.length; i++) {
    const value = r.ritzVectorValues[i];
    const idx = nearestIndex(r.ritzValues, value);
    if (isConverged(r.residuals[idx], scale, DEFLATION_TOL)) {
      const v = r.ritzVectors[i];
      values.push(value);
      vectors.push(v instanceof Float32Array ? v : Float32Array.from(v));
    }
  }
  const droppedVectors = r.ritzVectors.length - vectors.length;
  r.ritzVectors = [];
  // Without a stored basis (P above 2.2M at the defaults) the run has no Ritz vectors to hand over: its converged
  // outliers are summed up by replaying it (src/estimators/replay-ritz-vectors.ts), deflationRoom of them at most,
  // each checked by a product.
  let replayProducts = 0;
  if (!plan.reorthogonalize) {
    const wanted = byMag.filter((x) => isConverged(x.residual, scale, tol)).slice(0, deflationRoom).map((x) => x.value);
    if (wanted.length > 0) {
      o.onPlan?.('deflation', r.steps + wanted.length);
      const replay = await replayRitzVectors(core, op, {
        seed: o.seed, run: r, values: wanted, scale, tol: REPLAY_DEFLATION_TOL, float32Vectors, memoryBudget: o.memoryBudget,
      });
      replayProducts = replay.products;
      values.push(...replay.values);
      vectors.push(...replay.vectors);
      if (replay.shortfall) warnings.push(`deflation of the outliers without a stored basis: ${replay.shortfall}`);
    }
  }
  // The extremes' operator (Richardson: four points and two outputs) is done when the sums use another one.
  const sumsApart = o.sumsOperator !== undefined && o.sumsOperator !== op;
  if (sumsApart) op.release?.();
  // Collected before the probes allocate their own vectors (see src/util/release-garbage.ts): the Ritz vectors not deflated,
  // the released operator's buffers, and a replay's float64 direction for its checks.
  await releaseGarbage(4 * n * droppedVectors + (sumsApart ? 16 * n : 0) + (replayProducts ? 8 * n : 0));
  const slqSteps = Math.min(n, o.steps ?? defaultSlqSteps(n));
  // A user's probe count is run in full; by default the probes stop once their spread is negligible next to the
  // quadrature error they share (spreadNegligible): on models of 0.5M parameters and up that is after MIN_PROBES.
  const probes = o.probes ?? DEFAULT_PROBES;
  // Above SYNC_STEP_BYTES of double rows the probes keep float32 rows: their sweeps and new rows are memory traffic
  // (squeezenet1_1, P = 727k: the core's steps 13.3 -> 10.8 s of a 48 s run), and the sums do not notice (SANE
  // 67.68360 -> 67.68331 ± 2.13, N_eff 1268.744 -> 1268.718 ± 102: float32 rows hold orthogonality at 1e-7, far
  // below what the finite-difference products keep). Smaller runs keep double rows and their bits.
  const probeFloat32 = o.probeFloat32Basis ?? core.lanczosBytes(n, slqSteps, true, false) > SYNC_STEP_BYTES;
  // The probes reorthogonalise (partially) only while their rows are small: at most SYNC_STEP_BYTES, 128 MiB (P up
  // to 224k at 150 steps of float32 rows). A probe's sweeps grow with its steps (each reads the rows so far twice)
  // and the products' noise makes them frequent: on squeezenet1_1 (P = 727k, 436 MB of rows at 150 steps) the core's
  // steps took 135 ms at steps 100-150 against 51 ms a product, 113 s of a 191 s run. Without a basis: on mlp784 the
  // same sums and error bars (SANE 5914 ± 121 either way; 28 s against 37 s), on squeezenet1_1 a bracket four times
  // wider (SANE 78.5 ± 12.2 against 76.0 ± 3.4), still honest; Gauss quadrature from Lanczos in finite precision
  // needs no reorthogonalisation in exact products (Knizhnerman 1996; Meurant & Strakoš 2006: the lost
  // orthogonality duplicates converged nodes and splits their weight), and at ResNet-18 size a float32 basis would
  // cost 6.7 GB at 150 steps. test/score.estimators.test.ts checks both against known spectra.
  const deflationBytes = 4 * n * vectors.length;
  const probeBasis = core.lanczosBytes(n, slqSteps, true, probeFloat32);
  const reorth = o.probeReorthogonalization ?? (probeBasis <= SYNC_STEP_BYTES && probeBasis + deflationBytes <= budget);
  o.onPlan?.('slq', probes * Math.min(slqSteps, Math.max(0, n - values.length)));
  const sums = [o.saneC * kthFromLanczos(byMag, k), o.neffZ];
  const slq = await runSlq(core, o.sumsOperator ?? op, {
    probes, steps: slqSteps, seed: o.seed, reorthogonalize: reorth, float32Basis: probeFloat32,
    float32Vectors: !reorth && (o.float32Vectors ?? NO_BASIS_F32_VECTORS(o.sumsOperator ?? op)),
    memoryBudget: o.memoryBudget, deflation: { values, vectors },
    stopWhen: quadratureSettled(core, sums, o.negative),
    minProbes: o.probes === undefined ? MIN_PROBES : probes,
    enough: spreadNegligible(core, n, sums, o.negative),
  });
  // Ritz values lie inside the spectrum, so the largest seen (k-th largest |θ|) is the best estimate of λ_max (the k-th
  // |λ|) -- for exact products. Where the probes use cheaper products than the run (forward or central differences
  // against Richardson's) and the run converged λ_max and its top-k, the probes' values carry the cheaper products'
  // error, which can put them past the converged ones: on resnet50 the probes reached 40564.25 where the run had
  // 40561.79 ± 0.35 and PyTorch's float64 eigsh 40561.88. Then the run's values stand (lambdaMax is then
  // topEigenvalues[0] when that is positive, as a user reads them). The run does not wait for λ_min: the probes add to
  // it.
  const runDecides = lz.converged && sumsApart;
  const lambdaMax = runDecides ? ritzMax : Math.max(ritzMax, slq.maxRitz);
  const lambdaMin = Math.min(ritzMin, slq.minRitz);
  let kth = kthFromLanczos(byMag, k);
  if (!runDecides) for (const mags of slq.ritzMagnitudes) if (mags.length >= k) kth = Math.max(kth, mags[k - 1]);
  const { quadratureError, ...metrics } = metricsFromQuadrature(core, { n, rules: slq.rules, windows: slq.windows, lambdaMax, lambdaMin, topEigenvalues: top, kthMagnitude: kth }, o);
  const unsettled = slq.steps.length - slq.converged;
  if (unsettled > 0) {
    // The error bars hold the quadrature's half-gap (metricsFromQuadrature), so they stay honest; the warning says
    // how much of them it is, and what narrows it.
    const share = (q: number | null, se: number | null) => (q !== null && se ? `${fmt(q)} of ±${fmt(se)}` : 'unknown');
    warnings.push(
      `the SLQ quadrature of ${unsettled} of ${slq.steps.length} probes had not settled when they reached the step cap ` +
        `(${slqSteps}): the standard errors include what is still unsettled (SANE ${share(quadratureError?.sane ?? null, metrics.saneStdErr)}, ` +
        `N_eff ${share(quadratureError?.neff ?? null, metrics.neffStdErr)}); a larger cap, steps (--steps), narrows them`,
    );
  }
  return {
    estimator: which,
    metrics,
    products: lz.products + replayProducts + slq.products,
    settings: {
      lanczosSteps: r.steps, maxLanczosSteps: lanczosSteps, lanczosConverged: lz.converged,
      steps: slqSteps,
      probeSteps: slq.steps, probesConverged: slq.converged, probeQuadratureError: quadratureError, probes: slq.rules.length, maxProbes: probes, deflated: values.length,
      ...(replayProducts ? { deflationReplayProducts: replayProducts } : {}), reorthogonalizeLanczos: lanczosReorth,
      reorthogonalizeProbes: reorth, probeFloat32Basis: reorth && probeFloat32, float32Basis: plan.float32Basis, topResiduals,
    },
    warnings,
  };
}

/** Three significant digits: enough to compare two parts of an error bar. */
function fmt(x: number): string {
  return Number(x.toPrecision(3)).toString();
}

function kthFromLanczos(byMag: { value: number }[], k: number): number {
  return Math.abs(byMag[k - 1]?.value ?? 0);
}

function nearestIndex(sorted: Float64Array, value: number): number {
  let best = 0;
  for (let i = 1; i < sorted.length; i++) if (Math.abs(sorted[i] - value) < Math.abs(sorted[best] - value)) best = i;
  return best;
}
