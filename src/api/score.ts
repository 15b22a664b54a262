// The scoring API: score(model, data, options) -> ScoreResult, and compare() over several models. The CLI is a thin
// layer over these two functions.
//
// Pipeline: gradient models from the ONNX file (src/onnx), the data matched to their inputs and batched
// (src/data/dataset.ts), onnxruntime sessions (src/oracle/runtime.ts), frozen gates at θ (src/oracle/gates.ts), the
// finite-difference HVP (src/oracle/hvp.ts), and an estimator (src/estimators) whose spectral sums come from the core.
import type { ScoreOptions, ScoreResult, LayerScore, RuntimeName, LossSpec } from './types.js';
import type { Core } from '../core/types.js';
import { loadCore } from '../core/index.js';
import { SaneError, errorMessage } from '../errors.js';
import { fromBuilderError } from '../onnx/errors.js';
import {
  loadArrays, matchDataset, subsetDataset, makeBatches, defaultBatchSize, fixedBatchSize, checkLabelRange,
  type ArrayData, type Dataset,
} from '../data/dataset.js';
import { createSession, type RuntimeSession } from '../oracle/runtime.js';
import { GateStore, defaultGateBudget, type ParamInfo } from '../oracle/gates.js';
import { GradientOracle } from '../oracle/gradient-oracle.js';
import { HvpOperator, type CoordinateRanges } from '../oracle/hvp.js';
import { estimate, type EstimateOptions } from '../estimators/auto.js';
import { DEFAULT_EXACT_LIMIT, subBlock, denseEigenvalues } from '../estimators/exact.js';
import { metricsFromSpectrum, type MetricOptions } from '../estimators/metrics.js';
// [issue 8] per-job caps and reuse of graphs, sessions and data across jobs
import { checkCancelled, checkParamCap, productGuard } from './job-limits.js';
import { prepareGraph, type ScoringCache } from './scoring-cache.js';

/** Per-layer groups up to this size are scored exactly (from the full matrix when there is one). */
const PER_LAYER_EXACT_LIMIT = 512;

interface ResolvedOptions {
  loss: LossSpec;
  estimator: NonNullable<ScoreOptions['estimator']>;
  exactLimit: number;
  top: number;
  steps?: number;
  probes?: number;
  seed: number;
  saneC: number;
  neffZ: number;
  negative: 'abs' | 'clip';
  saneK: number;
  params?: string;
  perLayer: boolean;
  batchSize?: number;
  samples?: number;
  inputMap?: Record<string, string>;
  labelsKey: string;
  gates: 'frozen' | 'live';
  fdScheme: 'central' | 'forward';
  fdStep?: number;
  threads?: number;
  core: 'native' | 'wasm' | 'auto' | undefined;
  runtime?: RuntimeName;
  memoryBudget?: number;
  gateMemoryBudget?: number;
  // [issue 8]
  maxParams?: number;
  maxProducts?: number;
  maxSeconds?: number;
  maxInputBytes?: number;
}

function bad(message: string): SaneError {
  return new SaneError('BAD_OPTION', message);
}

function positiveNumber(v: unknown, name: string): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) throw bad(`${name} must be a positive number, got ${String(v)}`);
  return v;
}
function positiveInt(v: unknown, name: string): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) throw bad(`${name} must be a positive integer, got ${String(v)}`);
  return v;
}
function oneOf<T extends string>(v: unknown, allowed: readonly T[], name: string): T | undefined {
  if (v === undefined) return undefined;
  if (!allowed.includes(v as T)) throw bad(`${name} must be one of ${allowed.join(', ')}; got '${String(v)}'`);
  return v as T;
}

export function resolveOptions(o: ScoreOptions): ResolvedOptions {
  const loss = (o.loss ?? 'cross-entropy') as LossSpec;
  if (!(loss === 'cross-entropy' || loss === 'mse' || (typeof loss === 'string' && /^output:.+/.test(loss)))) {
    throw bad(`loss must be cross-entropy, mse or output:NAME; got '${String(loss)}'`);
  }
  if (o.params !== undefined) {
    try {
      new RegExp(o.params);
    } catch (e) {
      throw bad(`params is not a valid regular expression: ${errorMessage(e)}`);
    }
  }
  const seed = o.seed ?? 0;
  if (!Number.isInteger(seed) || seed < 0) throw bad(`seed must be a non-negative integer, got ${String(o.seed)}`);
  if (o.threads !== undefined && (!Number.isInteger(o.threads) || o.threads < 0)) throw bad(`threads must be a non-negative integer, got ${String(o.threads)}`);
  const probes = positiveInt(o.probes, 'probes');
  return {
    loss,
    estimator: oneOf(o.estimator, ['auto', 'exact', 'lanczos', 'slq'] as const, 'estimator') ?? 'auto',
    exactLimit: positiveInt(o.exactLimit, 'exactLimit') ?? DEFAULT_EXACT_LIMIT,
    top: positiveInt(o.top, 'top') ?? 5,
    steps: positiveInt(o.steps, 'steps'),
    probes,
    seed,
    saneC: positiveNumber(o.saneC, 'saneC') ?? 0.5,
    neffZ: positiveNumber(o.neffZ, 'neffZ') ?? 1,
    negative: oneOf(o.negative, ['abs', 'clip'] as const, 'negative') ?? 'abs',
    saneK: positiveInt(o.saneK, 'saneK') ?? 1,
    params: o.params,
    perLayer: o.perLayer ?? false,
    batchSize: positiveInt(o.batchSize, 'batchSize'),
    samples: positiveInt(o.samples, 'samples'),
    inputMap: o.inputMap,
    labelsKey: o.labelsKey ?? 'y',
    gates: oneOf(o.gates, ['frozen', 'live'] as const, 'gates') ?? 'frozen',
    fdScheme: oneOf(o.fdScheme, ['central', 'forward'] as const, 'fdScheme') ?? 'central',
    fdStep: positiveNumber(o.fdStep, 'fdStep'),
    threads: o.threads,
    core: oneOf(o.core, ['native', 'wasm', 'auto'] as const, 'core'),
    runtime: oneOf(o.runtime, ['onnxruntime-node', 'onnxruntime-web'] as const, 'runtime'),
    memoryBudget: positiveNumber(o.memoryBudget, 'memoryBudget'),
    gateMemoryBudget: o.gateMemoryBudget === 0 ? 0 : positiveNumber(o.gateMemoryBudget, 'gateMemoryBudget'),
    // [issue 8]
    maxParams: positiveInt(o.maxParams, 'maxParams'),
    maxProducts: positiveInt(o.maxProducts, 'maxProducts'),
    maxSeconds: positiveNumber(o.maxSeconds, 'maxSeconds'),
    maxInputBytes: positiveNumber(o.maxInputBytes, 'maxInputBytes'),
  };
}

async function loadCoreOrExplain(prefer: ResolvedOptions['core']): Promise<Core> {
  try {
    return (await loadCore(prefer ? { prefer } : {})).core;
  } catch (e) {
    throw new SaneError('CORE', errorMessage(e), { cause: e });
  }
}

/** Parameter groups for --per-layer: parameters sharing the name up to the last '.' (PyTorch's module path). */
export function groupParameters(params: ParamInfo[]): { name: string; params: ParamInfo[] }[] {
  const groups = new Map<string, ParamInfo[]>();
  for (const p of params) {
    const dot = p.name.lastIndexOf('.');
    const key = dot > 0 ? p.name.slice(0, dot) : p.name;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(p);
  }
  return [...groups.entries()].map(([name, ps]) => ({ name, params: ps }));
}

/** Classes of a cross-entropy model: axis 1 of the logits, declared or observed on one sample. */
async function numClasses(runtime: RuntimeName, modelBytes: Uint8Array, ds: Dataset, threads?: number): Promise<number | undefined> {
  // [issue 8] a model with external data cannot be opened from bytes; the range check is then skipped, not fatal
  const fwd = await createSession(runtime, modelBytes, { threads, label: 'forward' }).catch(() => undefined);
  if (!fwd) return undefined;
  try {
    const out = fwd.outputNames[0];
    const declared = fwd.outputSpec(out).shape;
    if (declared && declared.length >= 2 && typeof declared[1] === 'number' && declared[1] > 0) return declared[1];
    const feeds: Record<string, ReturnType<RuntimeSession['tensor']>> = {};
    for (const [name, t] of Object.entries(ds.inputs)) {
      if (!fwd.inputNames.includes(name)) continue;
      const per = t.data.length / ds.numSamples;
      feeds[name] = fwd.tensor({ type: t.type, dims: [1, ...t.dims.slice(1)], data: t.data.subarray(0, per) as typeof t.data });
    }
    const res = await fwd.run(feeds, [out]);
    const dims = res[out].dims;
    return dims.length >= 2 ? dims[1] : undefined;
  } catch {
    return undefined; // the range check is a courtesy; the gradient run reports real problems
  } finally {
    await fwd.release().catch(() => undefined);
  }
}

/** Everything a score needs up to the HVP operator; the benchmark times products on it directly. */
export interface ScoringSetup {
  core: Core;
  runtime: RuntimeName;
  options: ResolvedOptions;
  modelName: string;
  numParams: number;
  params: ParamInfo[];
  theta: Float32Array;
  dataset: Dataset;
  batchSize: number;
  numBatches: number;
  frozen: boolean;
  sessions: RuntimeSession[];
  oracle: GradientOracle;
  gateStore: GateStore | null;
  /** A new HVP operator (on all parameters, or restricted to coordinate ranges). */
  operator(restrict?: CoordinateRanges): HvpOperator;
  /** Seconds spent inside onnxruntime over all sessions so far. */
  ortSeconds(): number;
  release(): Promise<void>;
}

export async function prepareScoring(
  model: string | Uint8Array,
  data: string | Record<string, ArrayData>,
  options: ScoreOptions = {},
  cache?: ScoringCache, // [issue 8] graphs, sessions and data shared across jobs (src/api/scoring-cache.ts)
): Promise<ScoringSetup> {
  const o = resolveOptions(options);
  const modelName = typeof model === 'string' ? model : '(in-memory model)';
  // The loader refuses files above protobuf's 2 GB limit with advice; external data resolves beside the model.
  let modelBytes: Uint8Array;
  try {
    modelBytes = typeof model === 'string' ? (await import('../onnx/load.js')).loadModelFileBytes(model, { maxBytes: o.maxInputBytes }) : model;
  } catch (e) {
    throw fromBuilderError(e, modelName);
  }
  const baseDir = typeof model === 'string' ? (await import('node:path')).dirname((await import('node:path')).resolve(model)) : undefined;
  if (!(modelBytes instanceof Uint8Array)) throw bad('model must be a file path or a Uint8Array of ONNX bytes');

  const core = await loadCoreOrExplain(o.core);
  const runtime: RuntimeName = o.runtime ?? (core.kind === 'native' ? 'onnxruntime-node' : 'onnxruntime-web');

  // [issue 8] the build and its sessions come from prepareGraph (cached across jobs when a cache is given)
  checkCancelled(options.signal);
  const prepared = await prepareGraph(cache, {
    modelBytes, baseDir, label: modelName, loss: o.loss, params: o.params, runtime, threads: o.threads, gates: o.gates, maxBytes: o.maxInputBytes,
  });
  const built = prepared.built;
  const arrays = cache && typeof data === 'string' ? await cache.arrays(data, o.maxInputBytes) : await loadArrays(data, { maxBytes: o.maxInputBytes });

  const frozen = o.gates === 'frozen' && built.gates !== null && built.gateNames.length > 0;
  const sessions: RuntimeSession[] = []; // owned by this job, released with it
  const allSessions: RuntimeSession[] = [prepared.gradSession, ...(prepared.gateSession ? [prepared.gateSession] : [])];
  const ortBase = allSessions.reduce((s, x) => s + x.runSeconds, 0);
  if (!prepared.cached) sessions.push(...allSessions);
  const release = async () => {
    for (const s of sessions) await s.release().catch(() => undefined);
    sessions.length = 0;
  };
  try {
    checkParamCap(built.numParams, o); // [issue 8]
    const gradSession = prepared.gradSession;
    const labelsSpec = built.labelsType ? gradSession.inputSpec('labels') : undefined;
    let ds = matchDataset(arrays, {
      dataInputs: built.dataInputs.map((n) => gradSession.inputSpec(n)),
      labelsType: built.labelsType,
      labelsShape: labelsSpec?.shape,
      labelsElementType: labelsSpec?.type,
      inputMap: o.inputMap,
      labelsKey: o.labelsKey,
    });
    if (built.labelsType === 'int64' && o.loss === 'cross-entropy' && ds.labels) {
      const c = await prepared.numClasses(() => numClasses(runtime, modelBytes, ds, o.threads));
      if (c !== undefined) checkLabelRange(ds.labels, c, o.labelsKey, ds.numSamples);
    }
    if (o.samples !== undefined) ds = subsetDataset(ds, o.samples, o.seed);
    const fixed = fixedBatchSize(built.dataInputs.map((n) => gradSession.inputSpec(n)));
    const batchSize = Math.min(o.batchSize ?? fixed ?? defaultBatchSize(ds), ds.numSamples);
    const batches = makeBatches(ds, batchSize, fixed);

    const params: ParamInfo[] = built.params;
    const theta = built.theta;
    let gateStore: GateStore | null = null;
    if (frozen) {
      const gateSession = prepared.gateSession as RuntimeSession;
      gateStore = new GateStore(gateSession, built.gateNames, batches, params, theta, o.gateMemoryBudget ?? (await defaultGateBudget()));
      await gateStore.init();
    }
    const oracle = new GradientOracle(core, gradSession, batches, params, built.numParams, gateStore);
    return {
      core, runtime, options: o, modelName, numParams: built.numParams, params, theta, dataset: ds, batchSize,
      numBatches: batches.length, frozen, sessions, oracle, gateStore,
      operator: (restrict?: CoordinateRanges) => new HvpOperator(core, oracle, theta, { scheme: o.fdScheme, relStep: o.fdStep, restrict }),
      ortSeconds: () => allSessions.reduce((s, x) => s + x.runSeconds, 0) - ortBase,
      release,
    };
  } catch (e) {
    await release();
    throw e;
  }
}

/**
 * Scores a model on data: SANE, N_eff, λ_max/λ_min, the top eigenvalues and tr H of the Hessian of the mean loss
 * at the parameters stored in the ONNX file.
 *
 * @param model path of an .onnx file (external data beside it) or its bytes
 * @param data path of an .npz (arrays matched to inputs by name, labels in `y`) or .npy (sole input), or the arrays
 * @param options see ScoreOptions; defaults: cross-entropy, estimator auto (exact up to 4096 parameters, else
 *   lanczos+slq), c = 0.5, z = 1, |λ| for negative eigenvalues, frozen gates, central differences
 * @throws SaneError with a user-actionable message (`code` for the exit status, `reason` for the precise cause)
 */
export async function score(
  model: string | Uint8Array,
  data: string | Record<string, ArrayData>,
  options: ScoreOptions = {},
  cache?: ScoringCache, // [issue 8]
): Promise<ScoreResult> {
  const start = performance.now();
  const setup = await prepareScoring(model, data, options, cache);
  const guard = productGuard({ ...setup.options, signal: options.signal }, start); // [issue 8] caps, cancellation
  const { core, options: o, params, oracle, gateStore } = setup;
  try {
    const op = setup.operator();
    const { loss } = await op.gradient();

    // Progress: products done / planned in the current stage.
    let stage = 'gradient';
    let planned = 0;
    let stageDone = 0;
    const stageStart = { t: performance.now() };
    const report = () => {
      guard(); // [issue 8]
      stageDone++;
      if (!options.onProgress) return;
      const elapsed = (performance.now() - start) / 1000;
      const perProduct = (performance.now() - stageStart.t) / 1000 / stageDone;
      options.onProgress({ hvpDone: stageDone, hvpTotal: Math.max(planned, stageDone), elapsedSeconds: elapsed, etaSeconds: Math.max(0, planned - stageDone) * perProduct, stage });
    };
    const onPlan = (s: string, n: number) => {
      stage = s;
      planned = n;
      stageDone = 0;
      stageStart.t = performance.now();
    };
    op.onProduct = report;

    const metricOptions: MetricOptions = { saneC: o.saneC, neffZ: o.neffZ, negative: o.negative, saneK: o.saneK, top: o.top };
    const estOptions: EstimateOptions = {
      ...metricOptions, estimator: o.estimator, exactLimit: o.exactLimit, steps: o.steps, probes: o.probes, seed: o.seed,
      memoryBudget: o.memoryBudget, onPlan,
    };
    const est = await estimate(core, op, estOptions);
    let hvpCount = op.stats.products;
    let hvpSeconds = op.stats.seconds;

    let perLayer: LayerScore[] | undefined;
    if (o.perLayer) {
      perLayer = [];
      for (const g of groupParameters(params)) {
        const coords: number[] = [];
        for (const p of g.params) for (let i = 0; i < p.size; i++) coords.push(p.offset + i);
        const names = g.params.map((p) => p.name);
        if (est.hessian) {
          const eig = await denseEigenvalues(core, subBlock(est.hessian, coords));
          const m = metricsFromSpectrum(core, eig, metricOptions);
          perLayer.push({ params: names, numParams: coords.length, sane: m.sane, saneStdErr: 0, lambdaMax: m.lambdaMax });
          continue;
        }
        const sub = setup.operator(g.params.map((p) => ({ offset: p.offset, size: p.size })));
        sub.onProduct = report;
        const r = await estimate(core, sub, {
          ...estOptions,
          estimator: coords.length <= Math.min(PER_LAYER_EXACT_LIMIT, o.exactLimit) ? 'exact' : 'slq',
          onPlan: (s, n) => onPlan(`${s} (${g.name})`, n),
        });
        perLayer.push({ params: names, numParams: coords.length, sane: r.metrics.sane, saneStdErr: r.metrics.saneStdErr, lambdaMax: r.metrics.lambdaMax });
        hvpCount += sub.stats.products;
        hvpSeconds += sub.stats.seconds;
      }
    }

    const m = est.metrics;
    const seconds = (performance.now() - start) / 1000;
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
      seconds,
      backend: { core: core.kind, runtime: setup.runtime },
      options: {
        ...plainOptions,
        loss: o.loss, estimator: o.estimator, exactLimit: o.exactLimit, top: o.top, seed: o.seed, saneC: o.saneC,
        neffZ: o.neffZ, negative: o.negative, saneK: o.saneK,
        // 'none': no selection (ReLU mask, argmax...) lies on the path, so frozen and live coincide.
        gates: setup.frozen ? 'frozen' : o.gates === 'frozen' ? 'none' : 'live', fdScheme: o.fdScheme,
        batchSize: setup.batchSize, batches: setup.numBatches, ...est.settings,
      },
      density: m.density,
      params: params.map((p) => p.name),
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

/** Scores each model on the same data and returns the results ranked by SANE, smallest (preferred) first. */
export async function compare(
  models: string[],
  data: string | Record<string, ArrayData>,
  options: ScoreOptions = {},
): Promise<ScoreResult[]> {
  if (!Array.isArray(models) || models.length === 0) throw bad('compare needs at least one model');
  const arrays = await loadArrays(data); // read once, shared
  const results: ScoreResult[] = [];
  for (const m of models) results.push(await score(m, arrays, options));
  return results.sort((a, b) => a.sane - b.sane);
}
