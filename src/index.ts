// Public API of onnx-sane.
//
//   import { score } from 'onnx-sane';
//   const r = await score('model.onnx', 'data.npz', { estimator: 'auto' });
//   console.log(r.sane, r.neff, r.lambdaMax, r.topEigenvalues);
//
// score() returns exactly what `sane score --json` prints; compare() scores several models on the same data and
// ranks them by SANE (smaller is preferred).
export { score, compare, type CompareHooks } from './api/index.js';
export { SaneError, type SaneErrorCode, type SaneErrorReason } from './errors.js';
export type { ScoreOptions, ScoreResult, LayerScore, LossSpec, EstimatorName, RuntimeName } from './api/types.js';
export { loadCore } from './core/index.js';
export type { Core, CoreKind, LoadedCore, NegativePolicy, FdScheme } from './core/types.js';
export { buildGradientModels } from './onnx/gradient.js';
export type { GradientModels, GradientOptions } from './onnx/gradient.js';
export { readNpz, readNpy } from './data/npz.js';
export { exportGradient } from './onnx/export.js';
export type { ExportGradientOptions, ExportGradientResult } from './onnx/export.js';
export { prepareScoring, type ScoringSetup } from './api/index.js';
// Many jobs (issue 8): an async iterator over results, the worker pool and the per-process cache behind it.
export { scoreBatch, type BatchOptions } from './batch/batch.js';
export { WorkerPool, type PoolOptions } from './batch/pool.js';
export { SessionCache, type ScoringCache } from './api/scoring-cache.js';
export type { BatchJob, BatchResult, BatchOk, BatchError } from './batch/job.js';
