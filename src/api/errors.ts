// Errors a user can act on. Everything the scorer refuses is a SaneError: `code` is the coarse class the CLI maps to
// an exit status (src/cli/exit.ts), `reason` the precise cause (stable, for scripts and tests), `hint` what to change.
// The message is printed as is, without a stack trace unless --verbose.

/** Coarse classes, one exit status each (see src/cli/exit.ts). */
export type SaneErrorCode =
  | 'usage'      // an option value that makes no sense
  | 'input'      // missing/corrupt files, data that does not fit the model, labels out of range
  | 'model'      // unsupported op, model without parameters, missing loss output
  | 'numerical'  // non-finite loss or gradient
  | 'resources'  // too little memory for the requested steps, P above the exact limit
  | 'core';      // the numerical core failed to load or refused something else

/** Precise causes. */
export type SaneErrorReason =
  | 'FILE_NOT_FOUND'
  | 'CORRUPT_FILE'
  | 'DATA_KEY'
  | 'DATA_SHAPE'
  | 'LABELS'
  | 'NON_FINITE'
  | 'MEMORY'
  | 'TOO_LARGE'
  | 'UNSUPPORTED_OP'
  | 'MODEL'
  | 'BAD_OPTION'
  | 'CORE';

const CODE_OF_REASON: Record<SaneErrorReason, SaneErrorCode> = {
  FILE_NOT_FOUND: 'input',
  CORRUPT_FILE: 'input',
  DATA_KEY: 'input',
  DATA_SHAPE: 'input',
  LABELS: 'input',
  NON_FINITE: 'numerical',
  MEMORY: 'resources',
  TOO_LARGE: 'resources',
  UNSUPPORTED_OP: 'model',
  MODEL: 'model',
  BAD_OPTION: 'usage',
  CORE: 'core',
};

export class SaneError extends Error {
  readonly code: SaneErrorCode;
  readonly reason: SaneErrorReason;
  readonly hint?: string;
  constructor(reason: SaneErrorReason, message: string, options?: { hint?: string; cause?: unknown }) {
    super(message, options?.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = 'SaneError';
    this.reason = reason;
    this.code = CODE_OF_REASON[reason];
    if (options?.hint) this.hint = options.hint;
  }
}

export function isSaneError(e: unknown): e is SaneError {
  return e instanceof SaneError;
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Throws FILE_NOT_FOUND, with the path and what it was for, unless `path` is an existing file. */
export async function checkUserFile(path: string, what: string): Promise<void> {
  const { stat } = await import('node:fs/promises');
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new SaneError('FILE_NOT_FOUND', `${what} file not found: ${path}`);
  }
  if (info.isDirectory()) throw new SaneError('FILE_NOT_FOUND', `${what} path is a directory, not a file: ${path}`);
}

/** Reads a file, turning the usual failures into FILE_NOT_FOUND with the path and what it was for. */
export async function readUserFile(path: string, what: string): Promise<Uint8Array> {
  const { readFile } = await import('node:fs/promises');
  await checkUserFile(path, what);
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    throw new SaneError('FILE_NOT_FOUND', `cannot read ${what} file ${path}: ${errorMessage(e)}`, { cause: e });
  }
}

/**
 * Classifies an error thrown by the gradient builder (src/onnx) into a SaneError, keeping its message: the builder
 * names the op, the node and the parameter path itself; only the class is chosen here.
 */
export function fromBuilderError(e: unknown, modelName: string): SaneError {
  if (e instanceof SaneError) return e;
  const msg = errorMessage(e);
  const name = e instanceof Error ? e.name : '';
  const code = (e as { code?: unknown } | null)?.code;
  const hint = typeof (e as { hint?: unknown } | null)?.hint === 'string' ? (e as { hint: string }).hint : undefined;
  if (
    name === 'UnsupportedOpError' ||
    code === 'UNSUPPORTED_OP' ||
    /unsupported op|cannot differentiate|no gradient rule|not differentiable|unsupported/i.test(msg)
  ) {
    return new SaneError('UNSUPPORTED_OP', msg, { cause: e, hint });
  }
  if (/invalid wire type|index out of range|illegal|protobuf|not an onnx|failed to parse|corrupt|truncated/i.test(msg)) {
    return new SaneError('CORRUPT_FILE', `${modelName} is not a readable ONNX model: ${msg}`, { cause: e, hint });
  }
  if (code === 'input' || name === 'DataError' || name === 'InputError') {
    return new SaneError(/label/i.test(msg) ? 'LABELS' : 'DATA_KEY', msg, { cause: e, hint });
  }
  if (/\blabels?\b/i.test(msg) && /kind|type|integer|float|int64/i.test(msg)) {
    return new SaneError('LABELS', msg, { cause: e, hint });
  }
  if (/memory budget|does not fit|GiB/i.test(msg)) return new SaneError('MEMORY', msg, { cause: e, hint });
  return new SaneError('MODEL', msg, { cause: e, hint });
}

/** Classifies an error from the core: its memory guard, or anything else it refuses. */
export function fromCoreError(e: unknown): SaneError {
  if (e instanceof SaneError) return e;
  const msg = errorMessage(e);
  const hint = typeof (e as { hint?: unknown } | null)?.hint === 'string' ? (e as { hint: string }).hint : undefined;
  if (/memory|GiB|MiB|budget|heap|does not fit/i.test(msg)) return new SaneError('MEMORY', msg, { cause: e, hint });
  return new SaneError('CORE', msg, { cause: e, hint });
}
