// The shapes of data on its way to onnxruntime: arrays as read (numpy dtype names), tensors as fed (ort type
// names), what the model says about its inputs, the matched dataset and its batches. Types only.

export type TypedArray =
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array;

/** One named array as read from a file: dtype in numpy spelling ('float32', '<f4', 'int64', ...). */
export interface ArrayData {
  dtype: string;
  shape: number[];
  data: TypedArray | ArrayLike<number> | ArrayLike<bigint>;
}

/** An array ready for onnxruntime: ort tensor type names. */
export interface TensorData {
  type: 'float32' | 'float64' | 'int64' | 'int32' | 'bool' | 'uint8' | 'int8';
  dims: number[];
  data: Float32Array | Float64Array | BigInt64Array | Int32Array | Uint8Array | Int8Array;
}

/** What the gradient model says about one of its inputs (from onnxruntime's input metadata). */
export interface InputSpec {
  name: string;
  /** ort tensor type, e.g. 'float32', 'int64'. */
  type: string;
  /** Declared dims; strings/negative/undefined are symbolic. Absent when the model declares no shape. */
  shape?: ReadonlyArray<number | string | undefined | null>;
}

export interface DatasetSpec {
  dataInputs: InputSpec[];
  /** 'int64' (class indices), 'float' (regression or binary targets) or null (the loss needs no labels). */
  labelsType: 'int64' | 'float' | null;
  /** The loss the float labels are for, in messages; 'bce' and 'cross-entropy' (class probabilities) also check that
   *  they lie in [0, 1]. Default 'mse'. */
  floatLoss?: 'mse' | 'bce' | 'cross-entropy';
  /** Declared shape of the gradient model's `labels` input, if any. */
  labelsShape?: ReadonlyArray<number | string | undefined | null>;
  /** Declared element type of `labels` for regression ('float32' unless the model computes in float64). */
  labelsElementType?: string;
  /** Cross-entropy: number of classes (size of the logits' axis 1) for the range check; undefined skips it. */
  numClasses?: number;
  /** Cross-entropy: the label of positions left out (PyTorch's ignore_index), exempt from the range check. */
  ignoreIndex?: number;
  /** Cross-entropy: the logits' class axis the loss was built with (1, or -1 for the last), for messages. */
  classAxis?: 1 | -1;
  inputMap?: Record<string, string>;
  labelsKey?: string;
}

export interface Dataset {
  numSamples: number;
  inputs: Record<string, TensorData>;
  labels: TensorData | null;
  /** Data key used for each model input, and for labels (for the report). */
  keys: Record<string, string>;
  /** What the user should know about how the arrays were read (raw 8-bit images fed to a float input). */
  warnings?: string[];
}

export interface Batch {
  /** Index of the batch, for error messages. */
  index: number;
  size: number;
  /** size / N: how much this batch's mean counts in the overall mean. */
  weight: number;
  feeds: Record<string, TensorData>;
}
