// The one place where score()'s options are checked and completed with their defaults (src/api/defaults.ts).
// Messages name options with opt() tokens, so the CLI shows the flag and the API the option name.
import type { ScoreOptions, RuntimeName, LossSpec } from './types.js';
import { SaneError, errorMessage, opt, type OptionName } from '../errors.js';
import { SCORE_DEFAULTS as D } from './defaults.js';
import type { HvpScheme } from '../oracle/hvp.js';

export interface ResolvedOptions {
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
  density: boolean;
  batchSize?: number;
  samples?: number;
  inputMap?: Record<string, string>;
  labelsKey: string;
  ignoreIndex: number;
  classAxis: 1 | -1 | 'auto';
  labelSmoothing: number;
  gates: 'frozen' | 'live';
  paddingRows: 'frozen' | 'trained';
  fdScheme: HvpScheme | 'auto';
  fdStep?: number;
  threads?: number;
  core: 'native' | 'wasm' | 'auto' | undefined;
  runtime?: RuntimeName;
  memoryBudget?: number;
  gateMemoryBudget?: number;
  maxParams?: number;
  maxProducts?: number;
  maxSeconds?: number;
  maxInputBytes?: number;
}

export function badOption(message: string): SaneError {
  return new SaneError('BAD_OPTION', message);
}

function positiveNumber(v: unknown, name: OptionName): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) throw badOption(`${opt(name)} must be a positive number, got ${String(v)}`);
  return v;
}
function positiveInt(v: unknown, name: OptionName): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) throw badOption(`${opt(name)} must be a positive integer, got ${String(v)}`);
  return v;
}
function integer(v: unknown, name: OptionName): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw badOption(`${opt(name)} must be an integer, got ${String(v)}`);
  return v;
}
function oneOf<T extends string | number>(v: unknown, allowed: readonly T[], name: OptionName): T | undefined {
  if (v === undefined) return undefined;
  if (!allowed.includes(v as T)) throw badOption(`${opt(name)} must be one of ${allowed.join(', ')}; got '${String(v)}'`);
  return v as T;
}

export function resolveOptions(o: ScoreOptions): ResolvedOptions {
  const loss = (o.loss ?? D.loss) as LossSpec;
  if (!(loss === 'cross-entropy' || loss === 'mse' || loss === 'bce' || (typeof loss === 'string' && /^output:.+/.test(loss)))) {
    throw badOption(`${opt('loss')} must be cross-entropy, mse, bce or output:NAME; got '${String(loss)}'`);
  }
  if (o.params !== undefined) {
    try {
      new RegExp(o.params);
    } catch (e) {
      throw badOption(`${opt('params')} is not a valid regular expression: ${errorMessage(e)}`);
    }
  }
  const seed = o.seed ?? D.seed;
  if (!Number.isInteger(seed) || seed < 0) throw badOption(`${opt('seed')} must be a non-negative integer, got ${String(o.seed)}`);
  if (o.threads !== undefined && (!Number.isInteger(o.threads) || o.threads < 0)) {
    throw badOption(`${opt('threads')} must be a non-negative integer, got ${String(o.threads)}`);
  }
  const labelSmoothing = o.labelSmoothing ?? D.labelSmoothing;
  if (typeof labelSmoothing !== 'number' || !(labelSmoothing >= 0 && labelSmoothing <= 1)) {
    throw badOption(`${opt('labelSmoothing')} must be a number in [0, 1] (PyTorch's label_smoothing), got ${String(o.labelSmoothing)}`);
  }
  if (labelSmoothing !== 0 && loss !== 'cross-entropy') throw badOption(`${opt('labelSmoothing')} applies to cross-entropy only, not to ${opt('loss', loss)}`);
  return {
    loss,
    estimator: oneOf(o.estimator, ['auto', 'exact', 'lanczos', 'slq'] as const, 'estimator') ?? D.estimator,
    exactLimit: positiveInt(o.exactLimit, 'exactLimit') ?? D.exactLimit,
    top: positiveInt(o.top, 'top') ?? D.top,
    steps: positiveInt(o.steps, 'steps'),
    probes: positiveInt(o.probes, 'probes'),
    seed,
    saneC: positiveNumber(o.saneC, 'saneC') ?? D.saneC,
    neffZ: positiveNumber(o.neffZ, 'neffZ') ?? D.neffZ,
    negative: oneOf(o.negative, ['abs', 'clip'] as const, 'negative') ?? D.negative,
    saneK: positiveInt(o.saneK, 'saneK') ?? D.saneK,
    params: o.params,
    perLayer: o.perLayer ?? D.perLayer,
    density: o.density ?? D.density,
    batchSize: positiveInt(o.batchSize, 'batchSize'),
    samples: positiveInt(o.samples, 'samples'),
    inputMap: o.inputMap,
    labelsKey: o.labelsKey ?? D.labelsKey,
    ignoreIndex: integer(o.ignoreIndex, 'ignoreIndex') ?? D.ignoreIndex,
    classAxis: oneOf(o.classAxis, [1, -1, 'auto'] as const, 'classAxis') ?? D.classAxis,
    labelSmoothing,
    gates: oneOf(o.gates, ['frozen', 'live'] as const, 'gates') ?? D.gates,
    paddingRows: oneOf(o.paddingRows, ['frozen', 'trained'] as const, 'paddingRows') ?? D.paddingRows,
    fdScheme: oneOf(o.fdScheme, ['auto', 'central', 'forward', 'richardson'] as const, 'fdScheme') ?? D.fdScheme,
    fdStep: positiveNumber(o.fdStep, 'fdStep'),
    threads: o.threads,
    core: oneOf(o.core, ['native', 'wasm', 'auto'] as const, 'core'),
    runtime: oneOf(o.runtime, ['onnxruntime-node', 'onnxruntime-web'] as const, 'runtime'),
    memoryBudget: positiveNumber(o.memoryBudget, 'memoryBudget'),
    gateMemoryBudget: o.gateMemoryBudget === 0 ? 0 : positiveNumber(o.gateMemoryBudget, 'gateMemoryBudget'),
    maxParams: positiveInt(o.maxParams, 'maxParams'),
    maxProducts: positiveInt(o.maxProducts, 'maxProducts'),
    maxSeconds: positiveNumber(o.maxSeconds, 'maxSeconds'),
    maxInputBytes: positiveNumber(o.maxInputBytes, 'maxInputBytes'),
  };
}
