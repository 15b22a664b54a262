// The public scoring API's types: what `score()` takes and returns. The CLI's --json output is exactly a
// ScoreResult, so field names here are a compatibility promise to scripts.
import type { CoreKind, NegativePolicy } from '../core/types.js';
import type { HvpScheme } from '../oracle/hvp.js';
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
  steps?: number;                  // cap on Lanczos steps (lanczos; each SLQ probe: default 150)
  probes?: number;                 // SLQ probes, all run (default: 4 to 10, see README "The SLQ sums...")
  seed?: number;                   // probes, start vectors and the samples subset
  saneC?: number;                  // default 0.5
  neffZ?: number;                  // default 1
  negative?: NegativePolicy;       // default 'abs'
  saneK?: number;                  // SANE_k: scale = k-th largest |lambda| (default 1)
  params?: string;                 // regex narrowing the parameters
  /** SANE per parameter group too. A group is the parameters sharing a module path (the name up to its last '.',
   *  e.g. '0.weight' and '0.bias' form '0'); its score is that of its own Hessian block H_gg, scaled by the block's
   *  own λ_max. From the exact matrix when there is one, else by products restricted to the group. */
  perLayer?: boolean;
  /** Compute the smoothed spectral density (`density` in the result; default true). The CLI asks for it only with
   *  --density or --plot, and batch jobs never (their results leave it out). */
  density?: boolean;
  batchSize?: number;              // default: all samples in one batch up to a memory-friendly size
  samples?: number;                // random subset of N samples
  inputMap?: Record<string, string>; // model input name -> data key
  labelsKey?: string;              // default 'y'
  /** cross-entropy: labels equal to this are left out of the mean, as PyTorch's ignore_index (default -100). */
  ignoreIndex?: number;
  /** cross-entropy: the logits' class axis. 1 as PyTorch's F.cross_entropy; -1, the last (a language model's
   *  [batch, seq, vocab] logits with labels [batch, seq], trained as F.cross_entropy(logits.flatten(0, -2),
   *  labels.flatten())); 'auto' (default): the last when the labels' shape fits only that reading, else 1. */
  classAxis?: 1 | -1 | 'auto';
  /** cross-entropy: PyTorch's label_smoothing ε in [0, 1]: the targets become (1 - ε)·y + ε / classes, as
   *  nn.CrossEntropyLoss(label_smoothing=ε) trains (torchvision's recipes use 0.1). Default 0. */
  labelSmoothing?: number;
  gates?: 'frozen' | 'live';       // default 'frozen'
  /** An embedding table's only all-zero row (nn.Embedding's padding_idx): 'frozen' holds it out of the lookups'
   *  gradient as PyTorch does, 'trained' differentiates it (default 'frozen'; src/onnx/padding-rows.ts). */
  paddingRows?: 'frozen' | 'trained';
  /** central (2 gradients a product), forward (1), richardson (4: central differences at two steps, extrapolated),
   *  auto: richardson for the extremes (exact, lanczos), central for the SLQ probes. */
  fdScheme?: HvpScheme | 'auto';   // default 'auto'
  fdStep?: number;                 // relative step override
  threads?: number;                // onnxruntime intra-op threads
  core?: CoreKind | 'auto';        // default: env SANE_CORE or auto
  runtime?: RuntimeName;           // default: onnxruntime-node when it loads (either core), else onnxruntime-web
  memoryBudget?: number;           // bytes for the Lanczos basis (default: core's default)
  gateMemoryBudget?: number;       // bytes of frozen-gate tensors kept across products (default: min(1 GiB, free/4))
  // Limits for untrusted or shared use (issue 8); each stops the job with reason LIMIT (CANCELLED for the signal).
  maxParams?: number;              // refuse models with more parameters
  maxProducts?: number;            // stop after this many Hessian-vector products
  maxSeconds?: number;             // stop after this much wall time (checked after each product)
  /** Bytes the data file's arrays and the model's tensors may declare (default: a quarter of RAM, at most 2 GiB);
   *  checked against the files' headers before anything is inflated or allocated. */
  maxInputBytes?: number;
  /** Aborting it stops the job after the current product (reason CANCELLED). */
  signal?: AbortSignal;
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

export interface ScoreResult extends Omit<SpectralMetrics, 'saneScale' | 'quadratureError'> {
  model: string;
  numParams: number;
  numSamples: number;
  loss: number;
  estimator: Exclude<EstimatorName, 'auto'> | 'lanczos+slq';
  hvpCount: number;
  /** Estimated relative error of the products (Richardson only: the size of the extrapolation's correction, an
   *  upper estimate of what is left; median and largest over the products). null for plain differences. */
  fdError: { median: number; max: number } | null;
  hvpSeconds: number;
  seconds: number;
  backend: { core: CoreKind; runtime: RuntimeName };
  options: Record<string, unknown>;
  perLayer?: LayerScore[];
  /** What the user should know that did not stop the score (e.g. parameters an exporter changed); the CLI also
   *  prints each on stderr. */
  warnings: string[];
  /** Names of the parameters scored, in the order of the flat parameter vector. */
  params?: string[];
  /** Where the time went (seconds inside onnxruntime, gradient and gate evaluations, bytes of gates kept, seconds outside the products). */
  timing?: { ortSeconds: number; gradientEvaluations: number; gateEvaluations: number; gateBytesKept: number; otherSeconds: number };
}
