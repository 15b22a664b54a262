// Everything a score needs up to the HVP operator: the core, the gradient models built from the ONNX file
// (src/onnx), the data matched to their inputs and batched (src/data), onnxruntime sessions (src/oracle/runtime.ts)
// and the frozen gates at θ (src/oracle/gates.ts). score() runs an estimator on it; the benchmark times products on
// it directly.
import type { ScoreOptions, RuntimeName } from './types.js';
import type { Core } from '../core/types.js';
import { loadCore } from '../core/index.js';
import { SaneError, errorMessage } from '../errors.js';
import { fromBuilderError } from '../onnx/errors.js';
import {
  loadArrays, matchDataset, subsetDataset, makeBatches, defaultBatchSize, defaultBatchRows, fixedBatchSize, checkLabelRange,
  type ArrayData, type Dataset,
} from '../data/dataset.js';
import { chooseRuntime, createSession, type RuntimeSession } from '../oracle/runtime.js';
import { GateStore, defaultGateBudget, type ParamInfo } from '../oracle/gates.js';
import { GradientOracle } from '../oracle/gradient-oracle.js';
import { HvpOperator, type HvpScheme } from '../oracle/hvp.js';
import { resolveOptions, badOption, type ResolvedOptions } from './resolve-options.js';
import { checkCancelled, checkParamCap } from './job-limits.js';
import { prepareGraph, type ScoringCache } from './scoring-cache.js';

async function loadCoreOrExplain(prefer: ResolvedOptions['core']): Promise<Core> {
  try {
    return (await loadCore(prefer ? { prefer } : {})).core;
  } catch (e) {
    throw new SaneError('CORE', errorMessage(e), { cause: e });
  }
}

/** Classes of a cross-entropy model: the logits' class axis (1, or -1 for the last), declared or observed on one sample. */
async function numClasses(runtime: RuntimeName, modelBytes: Uint8Array, ds: Dataset, axis: 1 | -1, threads?: number): Promise<number | undefined> {
  // A model with external data cannot be opened from bytes: the range check is then skipped, not fatal.
  const fwd = await createSession(runtime, modelBytes, { threads, label: 'forward' }).catch(() => undefined);
  if (!fwd) return undefined;
  try {
    const out = fwd.outputNames[0];
    const declared = fwd.outputSpec(out).shape;
    const at = (dims: readonly unknown[]) => dims[axis < 0 ? dims.length + axis : axis];
    const d = declared && declared.length >= 2 ? at(declared) : undefined;
    if (typeof d === 'number' && d > 0) return d;
    const feeds: Record<string, ReturnType<RuntimeSession['tensor']>> = {};
    for (const [name, t] of Object.entries(ds.inputs)) {
      if (!fwd.inputNames.includes(name)) continue;
      const per = t.data.length / ds.numSamples;
      feeds[name] = fwd.tensor({ type: t.type, dims: [1, ...t.dims.slice(1)], data: t.data.subarray(0, per) as typeof t.data });
    }
    const res = await fwd.run(feeds, [out]);
    const dims = res[out].dims;
    return dims.length >= 2 ? (at(dims) as number) : undefined;
  } catch {
    return undefined; // the range check is a courtesy; the gradient run reports real problems
  } finally {
    await fwd.release().catch(() => undefined);
  }
}

/** Everything a score needs up to the HVP operator; the benchmark times products on it directly. */
export interface ScoringSetup {
  /** Things the user should know that do not stop the score (the CLI prints them on stderr; JSON `warnings`). */
  warnings: string[];
  /** Intra-op threads of the sessions (0: onnxruntime-node's default). */
  threads: number;
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
  /** cross-entropy: the class axis the loss was built with (1, or -1 for the last). */
  classAxis?: 1 | -1;
  /** cross-entropy: labels as class indices or class probabilities. */
  targets?: 'indices' | 'probabilities';
  frozen: boolean;
  sessions: RuntimeSession[];
  oracle: GradientOracle;
  gateStore: GateStore | null;
  /** The finite-difference scheme for a purpose: the one asked for, or for 'auto' Richardson for the extremes
   *  (exact, lanczos) and central differences for the sums (SLQ probes). */
  schemeFor(purpose: 'extremes' | 'sums'): HvpScheme;
  /** A new HVP operator on all parameters with schemeFor(purpose) (estimators restrict it to a block with
   *  RestrictedOperator). */
  operator(purpose?: 'extremes' | 'sums'): HvpOperator;
  /** Seconds spent inside onnxruntime over all sessions so far. */
  ortSeconds(): number;
  release(): Promise<void>;
}

export async function prepareScoring(
  model: string | Uint8Array,
  data: string | Record<string, ArrayData>,
  options: ScoreOptions = {},
  cache?: ScoringCache,
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
  if (!(modelBytes instanceof Uint8Array)) throw badOption('model must be a file path or a Uint8Array of ONNX bytes');

  const core = await loadCoreOrExplain(o.core);
  // The fastest onnxruntime that loads, whatever the core: onnxruntime-node ships its own binaries.
  const runtime: RuntimeName = o.runtime ?? (await chooseRuntime()).name;

  const arrays = cache && typeof data === 'string' ? await cache.arrays(data, o.maxInputBytes) : await loadArrays(data, { maxBytes: o.maxInputBytes });
  const gateBudget = o.gateMemoryBudget ?? (await defaultGateBudget());
  // The build and its sessions: cached across jobs (same graph, other parameter values) when a cache is given.
  checkCancelled(options.signal);
  const prepared = await prepareGraph(cache, {
    modelBytes, baseDir, label: modelName, loss: o.loss, params: o.params, runtime, threads: o.threads, gates: o.gates, paddingRows: o.paddingRows, ignoreIndex: o.ignoreIndex, maxBytes: o.maxInputBytes,
    classAxis: o.classAxis, labelSmoothing: o.labelSmoothing, labelsShape: o.loss === 'cross-entropy' ? arrays[o.labelsKey]?.shape : undefined,
    hoistBytesPerSample: o.gates === 'frozen' ? hoistAllowance(gateBudget, Math.min(o.samples ?? Infinity, leadingCount(arrays))) : 0,
    batchRows: batchRowsFor(arrays, o.batchSize, o.samples),
  });
  const built = prepared.built;

  const sessions: RuntimeSession[] = []; // owned by this job, released with it
  const allSessions: RuntimeSession[] = [prepared.gradSession, ...(prepared.gateSession ? [prepared.gateSession] : [])];
  // Cached sessions accumulate time across jobs: this job's share is measured from here.
  const ortBase = allSessions.reduce((s, x) => s + x.runSeconds, 0);
  if (!prepared.cached) sessions.push(...allSessions);
  const release = async () => {
    for (const s of sessions) await s.release().catch(() => undefined);
    sessions.length = 0;
  };
  try {
    checkParamCap(built.numParams, o);
    const gradSession = prepared.gradSession;
    const labelsSpec = built.labelsType ? gradSession.inputSpec('labels') : undefined;
    let ds = matchDataset(arrays, {
      dataInputs: built.dataInputs.map((n) => gradSession.inputSpec(n)),
      labelsType: built.labelsType,
      floatLoss: o.loss === 'bce' || o.loss === 'cross-entropy' ? o.loss : 'mse',
      labelsShape: labelsSpec?.shape,
      labelsElementType: labelsSpec?.type,
      inputMap: o.inputMap,
      labelsKey: o.labelsKey,
      ignoreIndex: o.ignoreIndex,
      classAxis: built.classAxis,
    });
    if (built.labelsType === 'int64' && o.loss === 'cross-entropy' && ds.labels) {
      // Declared in the file: no forward session to open (that costs a build job ~1 ms on small models, seconds on big).
      const c = built.declaredClasses ?? (await prepared.numClasses(() => numClasses(runtime, modelBytes, ds, built.classAxis ?? 1, o.threads)));
      if (c !== undefined) checkLabelRange(ds.labels, c, o.labelsKey, ds.numSamples, o.ignoreIndex);
    }
    const dataWarnings = ds.warnings ?? [];
    if (o.samples !== undefined) ds = subsetDataset(ds, o.samples, o.seed);
    // The file's bytes are not needed past this point, but the closures returned below share this function's scope
    // with the one above that reads them, which would keep them for the whole run (94 MB for resnet50).
    modelBytes = EMPTY_BYTES;
    const fixed = fixedBatchSize(built.dataInputs.map((n) => gradSession.inputSpec(n)));
    const batchSize = Math.min(o.batchSize ?? fixed ?? defaultBatchSize(ds), ds.numSamples);
    const batches = makeBatches(ds, batchSize, fixed, built.labelsType === 'int64' ? o.ignoreIndex : undefined);

    const params: ParamInfo[] = built.params;
    const theta = prepared.theta;
    // prepareGraph opened a gate session exactly when frozen gates apply (gates asked for, and selections on the path).
    const gateSession = prepared.gateSession;
    let gateStore: GateStore | null = null;
    if (gateSession) {
      gateStore = new GateStore(gateSession, built.gateNames, batches, params, theta, gateBudget);
      await gateStore.init();
    }
    const schemeFor = (purpose: 'extremes' | 'sums'): HvpScheme =>
      o.fdScheme !== 'auto' ? o.fdScheme : purpose === 'sums' ? 'central' : 'richardson';
    const oracle = new GradientOracle(core, gradSession, batches, params, built.numParams, gateStore);
    const warnings: string[] = [...built.warnings, ...dataWarnings];
    if (runtime === 'onnxruntime-web' && o.threads !== undefined && o.threads > 0 && gradSession.threads !== o.threads) {
      warnings.push(
        `onnxruntime-web runs with ${gradSession.threads} thread(s), not the ${o.threads} asked for: it keeps the thread ` +
          'count of the first session in a process',
      );
    }
    return {
      warnings,
      threads: gradSession.threads,
      core, runtime, options: o, modelName, numParams: built.numParams, params, theta, dataset: ds, batchSize,
      numBatches: batches.length, classAxis: built.classAxis, targets: built.targets, frozen: gateSession !== null && built.gateNames.length > built.hoistedGates.length, sessions, oracle, gateStore,
      schemeFor,
      operator: (purpose = 'extremes') => new HvpOperator(core, oracle, theta, { scheme: schemeFor(purpose), relStep: o.fdStep }),
      ortSeconds: () => allSessions.reduce((s, x) => s + x.runSeconds, 0) - ortBase,
      release,
    };
  } catch (e) {
    await release();
    throw e;
  }
}

const EMPTY_BYTES = new Uint8Array(0);

/**
 * Bytes per sample that the build may hoist into the gates (GradientOptions.hoistBytesPerSample): a quarter of the
 * gate budget, at most 256 MiB, over the samples; rounded down to a power of two so that jobs on data of similar size
 * share a cached build. The gate store keeps gates within its budget either way (recomputing a batch's gates per
 * product beyond it), so this only keeps the hoisted share of that budget small enough that the selections still fit.
 */
export function hoistAllowance(gateBudget: number, samples: number): number {
  if (!(samples >= 1) || !(gateBudget > 0)) return 0;
  const perSample = Math.floor(Math.min(256 * 2 ** 20, gateBudget / 4) / samples);
  return perSample < 1 ? 0 : 2 ** Math.floor(Math.log2(perSample));
}

/**
 * The samples a batch will hold, for the build's rewrites that trade work on activations for work on weights
 * (GradientOptions.batchRows, src/onnx/rewrite-pays.ts), from the data as read (before it is matched to the inputs):
 * the batch size given, else the default's bound by bytes (defaultBatchSize: 32 MiB, at most 1024 samples), at most
 * the samples; rounded down to a power of two so that jobs on data of similar size share a cached build (and never
 * overstating the rows, the side where the rewrites cost).
 */
export function batchRowsFor(arrays: Record<string, ArrayData>, batchSize: number | undefined, samples: number | undefined): number {
  const n = Math.min(samples ?? Infinity, leadingCount(arrays));
  if (!(n >= 1)) return 1;
  let perSample = 0;
  for (const a of Object.values(arrays)) {
    if (!((a.shape[0] ?? 0) > 0)) continue;
    const bytes = ArrayBuffer.isView(a.data) ? a.data.byteLength : 8 * a.data.length; // plain arrays become 8-byte values at most
    perSample += bytes / a.shape[0];
  }
  const rows = Math.min(n, batchSize ?? defaultBatchRows(n, perSample));
  return 2 ** Math.floor(Math.log2(Math.max(1, rows)));
}

/** The largest leading dimension among the arrays: the sample count, before the data is matched to the inputs. */
function leadingCount(arrays: Record<string, ArrayData>): number {
  let n = 0;
  for (const a of Object.values(arrays)) n = Math.max(n, a.shape[0] ?? 0);
  return n;
}
