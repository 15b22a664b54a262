// The public scoring API's types: what `score()` takes and returns. The CLI's --json output is exactly a
// ScoreResult, so field names here are a compatibility promise to scripts.
import type { CoreKind, NegativePolicy, FdScheme } from '../core/types.js';
import type { SpectralMetrics } from '../estimators/metrics.js';
import type { RuntimeName } from '../oracle/runtime.js';
import type { LossSpec } from '../onnx/loss.js';

export type { RuntimeName, LossSpec };
export type EstimatorName = 'auto' | 'exact' | 'lanczos' | 'slq';

export interface ScoreOptions {
  loss?: LossSpec;                 // default 'cross-entropy'
  estimator?: EstimatorName;       // default 'auto'
  /** exact: largest P allowed (default 4096). auto: exact up to this P. */
  exactLimit?: number;
  top?: number;                    // top-k eigenvalues to report (default 5)
  steps?: number;                  // Lanczos steps (lanczos and slq)
  probes?: number;                 // SLQ probes
  seed?: number;                   // probes, start vectors and --samples subset
  saneC?: number;                  // default 0.5
  neffZ?: number;                  // default 1
  negative?: NegativePolicy;       // default 'abs'
  saneK?: number;                  // SANE_k: scale = k-th largest |lambda| (default 1)
  params?: string;                 // regex narrowing the parameters
  /** SANE per parameter group too. A group is the parameters sharing a module path (the name up to its last '.',
   *  e.g. '0.weight' and '0.bias' form '0'); its score is that of its own Hessian block H_gg, scaled by the block's
   *  own λ_max. From the exact matrix when there is one, else by products restricted to the group. */
  perLayer?: boolean;
  batchSize?: number;              // default: all samples in one batch up to a memory-friendly size
  samples?: number;                // random subset of N samples
  inputMap?: Record<string, string>; // model input name -> data key
  labelsKey?: string;              // default 'y'
  gates?: 'frozen' | 'live';       // default 'frozen'
  fdScheme?: FdScheme;             // default 'central'
  fdStep?: number;                 // relative step override
  threads?: number;                // onnxruntime intra-op threads
  core?: CoreKind | 'auto';        // default: env SANE_CORE or auto
  runtime?: RuntimeName;           // default: onnxruntime-node with the native core, onnxruntime-web with wasm
  memoryBudget?: number;           // bytes for the Lanczos basis (default: core's default)
  gateMemoryBudget?: number;       // bytes of frozen-gate tensors kept across products (default: min(1 GiB, free/4))
  /** Called after each HVP; the CLI draws progress on stderr from it. */
  onProgress?: (p: { hvpDone: number; hvpTotal: number; elapsedSeconds: number; etaSeconds: number; stage: string }) => void;
}

export interface LayerScore {
  params: string[];
  numParams: number;
  /** Null when the block's estimate has no error bar (slq with one probe). */
  sane: number | null;
  saneStdErr: number | null;
  lambdaMax: number;
}

export interface ScoreResult extends Omit<SpectralMetrics, 'saneScale'> {
  model: string;
  numParams: number;
  numSamples: number;
  loss: number;
  estimator: Exclude<EstimatorName, 'auto'> | 'lanczos+slq';
  hvpCount: number;
  hvpSeconds: number;
  seconds: number;
  backend: { core: CoreKind; runtime: RuntimeName };
  options: Record<string, unknown>;
  perLayer?: LayerScore[];
  /** Names of the parameters scored, in the order of the flat parameter vector. */
  params?: string[];
  /** Where the time went (seconds inside onnxruntime, gradient and gate evaluations, bytes of gates kept, seconds outside the products). */
  timing?: { ortSeconds: number; gradientEvaluations: number; gateEvaluations: number; gateBytesKept: number; otherSeconds: number };
}
