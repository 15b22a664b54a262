// The samples a score is computed on, kept as one import for existing callers: arrays read from an .npz/.npy file
// or given in memory (read-arrays.ts), matched to the gradient model's inputs by name and checked against its
// declared shapes and dtypes (match-inputs.ts, dtype-convert.ts), optionally subsampled, and cut into batches
// (batches.ts). The loss is the mean over all samples: a batch's mean loss and gradient weigh batchSize / N.
export type { TypedArray, ArrayData, TensorData, InputSpec, DatasetSpec, Dataset, Batch } from './types.js';
export { normalizeDtype } from './dtype-convert.js';
export { matchDataset, checkLabelRange } from './match-inputs.js';
export { subsetIndices, subsetDataset, bytesPerSample, defaultBatchSize, defaultBatchRows, makeBatches, fixedBatchSize } from './batches.js';
export { loadArrays, type LoadArraysOptions } from './read-arrays.js';
