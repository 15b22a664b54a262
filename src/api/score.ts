// score(model, data, options) -> ScoreResult: the scoring pipeline. The setup (src/api/setup.ts) gives the HVP
// operator; an estimator (src/estimators) gives the spectral metrics; this file adds progress, per-layer scores
// and assembles the result, which is exactly what `sane score --json` prints.
import type { ScoreOptions, ScoreResult, LayerScore } from './types.js';
import type { ArrayData } from '../data/dataset.js';
import { estimate, type EstimateOptions } from '../estimators/auto.js';
import { prepareScoring } from './setup.js';
import { productGuard } from './job-limits.js';
import type { ScoringCache } from './scoring-cache.js';
import { scorePerLayer } from './per-layer.js';
import { estimateWithShortening } from './step-shortening.js';
import type { HvpOperator } from '../oracle/hvp.js';

/**
 * Scores a model on data: SANE, N_eff, λ_max/λ_min, the top eigenvalues and tr H of the Hessian of the mean loss
 * at the parameters stored in the ONNX file.
 *
 * @param model path of an .onnx file (external data beside it) or its bytes
 * @param data path of an .npz (arrays matched to inputs by name, labels in `y`) or .npy (sole input), or the arrays
 * @param options see ScoreOptions; defaults in src/api/defaults.ts: cross-entropy, estimator auto (exact up to 4096
 *   parameters, else lanczos+slq), c = 0.5, z = 1, |λ| for negative eigenvalues, frozen gates, Richardson
 *   differences for exact/lanczos and central ones for the SLQ probes
 * @throws SaneError with a user-actionable message (`code` for the exit status, `reason` for the precise cause)
 */
export async function score(
  model: string | Uint8Array,
  data: string | Record<string, ArrayData>,
  options: ScoreOptions = {},
  cache?: ScoringCache,
): Promise<ScoreResult> {
  const start = performance.now();
  const setup = await prepareScoring(model, data, options, cache);
  // Per-job caps and cancellation, checked after every product.
  const guard = productGuard({ ...setup.options, signal: options.signal }, start);
  const { core, options: o, params, oracle, gateStore } = setup;
  try {
    const op = setup.operator('extremes');
    const sumsOp = setup.schemeFor('sums') === op.scheme ? op : setup.operator('sums');
    const operators = sumsOp === op ? [op] : [op, sumsOp];
    const loss = await op.loss();

    // Progress: products done / planned in the current stage.
    let stage = 'gradient';
    let planned = 0;
    let stageDone = 0;
    let stageStart = performance.now();
    const onProduct = () => {
      guard();
      stageDone++;
      if (!options.onProgress) return;
      const elapsed = (performance.now() - start) / 1000;
      const perProduct = (performance.now() - stageStart) / 1000 / stageDone;
      options.onProgress({ hvpDone: stageDone, hvpTotal: Math.max(planned, stageDone), elapsedSeconds: elapsed, etaSeconds: Math.max(0, planned - stageDone) * perProduct, stage });
    };
    for (const x of operators) x.onProduct = onProduct;
    const estOptions: EstimateOptions = {
      saneC: o.saneC, neffZ: o.neffZ, negative: o.negative, saneK: o.saneK, top: o.top, density: o.density,
      estimator: o.estimator, exactLimit: o.exactLimit, steps: o.steps, probes: o.probes, seed: o.seed,
      memoryBudget: o.memoryBudget,
      sumsOperator: sumsOp,
      onPlan: (s: string, n: number) => {
        stage = s;
        planned = n;
        stageDone = 0;
        stageStart = performance.now();
      },
    };
    // A step the user did not give is shortened where the Richardson products show it too long (step-shortening.ts).
    const shortened = await estimateWithShortening(() => estimate(core, op, estOptions), operators, o.fdStep === undefined && op.scheme === 'richardson');
    const est = shortened.result;
    let perLayer: LayerScore[] | undefined;
    if (o.perLayer) perLayer = await scorePerLayer(core, op, params, est.hessian, estOptions);

    const m = est.metrics;
    const seconds = (performance.now() - start) / 1000;
    const hvpCount = operators.reduce((s, x) => s + x.stats.products, 0);
    const hvpSeconds = operators.reduce((s, x) => s + x.stats.seconds, 0);
    const schemes = [...new Set(operators.filter((x) => x.stats.products > 0).map((x) => x.scheme))];
    const { onProgress: _drop, signal: _signal, ...plainOptions } = options;
    void _drop;
    void _signal;
    const result: ScoreResult = {
      model: setup.modelName,
      numParams: setup.numParams,
      numSamples: setup.dataset.numSamples,
      loss,
      estimator: est.estimator,
      sane: m.sane,
      saneStdErr: m.saneStdErr,
      neff: m.neff,
      neffStdErr: m.neffStdErr,
      lambdaMax: m.lambdaMax,
      lambdaMin: m.lambdaMin,
      topEigenvalues: m.topEigenvalues,
      trace: m.trace,
      traceStdErr: m.traceStdErr,
      hvpCount,
      hvpSeconds,
      fdError: fdErrorOf(operators),
      seconds,
      backend: { core: core.kind, runtime: setup.runtime },
      options: {
        ...plainOptions,
        loss: o.loss, estimator: o.estimator, exactLimit: o.exactLimit, top: o.top, seed: o.seed, saneC: o.saneC,
        neffZ: o.neffZ, negative: o.negative, saneK: o.saneK,
        // cross-entropy: the class axis taken ('auto' resolved from the labels' shape)
        ...(setup.classAxis ? { classAxis: setup.classAxis } : {}),
        // cross-entropy: 'probabilities' when the labels are shaped like the logits (F.cross_entropy's soft targets)
        ...(setup.targets ? { targets: setup.targets, labelSmoothing: o.labelSmoothing } : {}),
        // 'none': no selection (ReLU mask, argmax...) lies on the path, so frozen and live coincide.
        gates: setup.frozen ? 'frozen' : o.gates === 'frozen' ? 'none' : 'live',
        // The schemes the products used, in the order they ran ('auto' resolves per estimator stage).
        fdScheme: schemes.join('+'),
        // Times the default step was divided by STEP_SHRINK (0 unless the products needed it; step-shortening.ts).
        fdStepShortenings: shortened.shortenings,
        batchSize: setup.batchSize, batches: setup.numBatches, ...est.settings,
        // As in force in the sessions (0: onnxruntime-node's default); onnxruntime-web keeps its first count.
        threads: setup.threads,
      },
      density: m.density,
      params: params.map((p) => p.name),
      warnings: [...setup.warnings, ...(est.warnings ?? []), ...(shortened.warning ? [shortened.warning] : [])],
      timing: {
        ortSeconds: setup.ortSeconds(),
        gradientEvaluations: oracle.evaluations,
        gateEvaluations: gateStore?.evaluations ?? 0,
        gateBytesKept: gateStore?.bytes ?? 0,
        otherSeconds: seconds - hvpSeconds,
      },
    };
    if (perLayer) result.perLayer = perLayer;
    return result;
  } finally {
    await setup.release();
  }
}

/** Median and largest estimated relative error of the Richardson products (null when no product was extrapolated). */
function fdErrorOf(operators: HvpOperator[]): ScoreResult['fdError'] {
  const all = operators.flatMap((x) => x.fdErrors).sort((a, b) => a - b);
  if (all.length === 0) return null;
  return { median: all[Math.floor(all.length / 2)], max: all[all.length - 1] };
}
