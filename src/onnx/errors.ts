// Errors of the gradient-graph builder. They are SaneErrors (src/errors.ts) with the code the CLI maps to an exit
// status; the messages name the model element at fault and, where there is one, what to change.
import { SaneError, errorMessage } from '../errors.js';

export { SaneError };

/** Missing model or external-data file. */
export class ModelFileError extends SaneError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('FILE_NOT_FOUND', message, options);
    this.name = 'ModelFileError';
  }
}

/** Bytes that are not an ONNX model, or a model too large for protobuf. */
export class CorruptModelError extends SaneError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CORRUPT_FILE', message, options);
    this.name = 'CorruptModelError';
  }
}

/** A model the builder cannot turn into a gradient model (opset, no parameters, missing loss output...). */
export class ModelError extends SaneError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('MODEL', message, options);
    this.name = 'ModelError';
  }
}

/** The model has no floating-point initializer that reaches the loss (or the params pattern matched none). */
export class NoParametersError extends ModelError {
  constructor(message: string) {
    super(message);
    this.name = 'NoParametersError';
  }
}

/** The loss output does not exist or is not the kind the loss needs. */
export class LossOutputError extends ModelError {
  constructor(message: string) {
    super(message);
    this.name = 'LossOutputError';
  }
}

/** Labels of the wrong kind for the loss (cross-entropy on non-logits, mse shape mismatch, labels input clash). */
export class LabelsError extends SaneError {
  constructor(message: string) {
    super('LABELS', message);
    this.name = 'LabelsError';
  }
}

/** An op on a path from a parameter to the loss that has no differentiation rule. */
export class UnsupportedOpError extends SaneError {
  readonly opType: string;
  readonly nodeName: string;
  readonly param: string;
  constructor(opType: string, nodeName: string, param: string, detail?: string) {
    super(
      'UNSUPPORTED_OP',
      `unsupported op ${opType} (node "${nodeName}") on the path from parameter ${param} to the loss: ` +
        (detail ?? `no gradient rule for ${opType}`),
    );
    this.name = 'UnsupportedOpError';
    this.opType = opType;
    this.nodeName = nodeName;
    this.param = param;
  }
}

/**
 * The builder throws SaneErrors for everything it refuses (the classes above; rules' RuleErrors become
 * UnsupportedOpError in the builder). Anything else escaping it is a bug of ours, reported as such with the model's
 * name rather than guessed into a class from its wording.
 */
export function fromBuilderError(e: unknown, modelName: string): SaneError {
  if (e instanceof SaneError) return e;
  return new SaneError('MODEL', `internal error while building the gradient graph of ${modelName}: ${errorMessage(e)}`, {
    cause: e,
    hint: 'this is a bug in onnx-sane; please report it with the model',
  });
}
