// Errors a user can act on, and the vocabulary every layer shares. This file sits at the bottom: it imports nothing
// from the project, so the core, the ONNX builder, the data readers and the oracle can all throw SaneErrors without
// importing upward.
//
// Everything the scorer refuses is a SaneError: `code` is the coarse class the CLI maps to an exit status
// (src/cli/exit.ts), `reason` the precise cause (stable, for scripts and tests), `hint` what to change.
//
// Messages and hints name the options a user can change as tokens, `opt('steps')`, never as command-line flags:
// the API shows them as option names (`steps`), the CLI renders them as flags (`--steps`) with its own table
// (src/cli/flags.ts). A caller of score() who set `memoryBudget` is then told about `memoryBudget`.

/** Coarse classes, one exit status each (see src/cli/exit.ts). */
export type SaneErrorCode =
  | 'usage'      // an option value that makes no sense
  | 'input'      // missing/corrupt files, data that does not fit the model, labels out of range
  | 'model'      // unsupported op, model without parameters, missing loss output
  | 'numerical'  // non-finite loss or gradient
  | 'resources'  // too little memory for the requested steps, P above the exact limit
  | 'core'       // the numerical core failed to load or refused something else
  | 'limit';     // a cap set for the job (parameters, products, wall time) or a cancellation stopped it

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
  | 'CORE'
  | 'LIMIT'           // a per-job cap (maxParams, maxProducts, maxSeconds) was reached
  | 'FORBIDDEN_PATH'  // a path escapes the folder it must stay in (external data, a service's root)
  | 'FILE_CHANGED'    // a file's SHA-256 differs from the one the job was submitted with
  | 'CANCELLED';      // the caller aborted the job (its AbortSignal)

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
  LIMIT: 'limit',
  FORBIDDEN_PATH: 'input',
  FILE_CHANGED: 'input',
  CANCELLED: 'limit',
};

/**
 * The options of score() that messages may point a user to. The CLI keeps the flag for each (src/cli/flags.ts);
 * the compiler checks that it has one for every name here.
 */
export const OPTION_NAMES = [
  'loss', 'estimator', 'exactLimit', 'top', 'steps', 'probes', 'seed', 'saneC', 'neffZ', 'negative', 'saneK',
  'params', 'perLayer', 'density', 'batchSize', 'samples', 'inputMap', 'labelsKey', 'ignoreIndex', 'classAxis', 'labelSmoothing', 'gates', 'paddingRows', 'fdScheme', 'fdStep', 'threads',
  'core', 'runtime', 'memoryBudget', 'gateMemoryBudget', 'output', 'maxParams', 'maxProducts', 'maxSeconds',
  'maxInputBytes',
] as const;
export type OptionName = (typeof OPTION_NAMES)[number];

// A token is the option name between two control characters that never occur in user text, optionally followed by
// a value: `\u0001steps\u0002` or `\u0001samples 100\u0002`. Rendering replaces each token.
const TOKEN = /\u0001([A-Za-z]+)(?: ([^\u0002]*))?\u0002/g;

/** A reference to an option in a message or hint, with an optional example value (`opt('samples', 100)`). */
export function opt(name: OptionName, value?: string | number): string {
  return value === undefined ? `\u0001${name}\u0002` : `\u0001${name} ${value}\u0002`;
}

/** How a renderer spells an option reference: the API's option names or the CLI's flags. */
export type OptionSpeller = (name: OptionName, value: string | undefined) => string;

/** The API's spelling: `steps`, `samples: 100`, `inputMap: { x: 'KEY' }`. */
export const apiSpelling: OptionSpeller = (name, value) => {
  if (value === undefined) return name;
  const pair = name === 'inputMap' ? /^([^=]+)=(.*)$/.exec(value) : null;
  return pair ? `inputMap: { '${pair[1]}': '${pair[2]}' }` : `${name}: ${value}`;
};

export function renderOptions(text: string, spell: OptionSpeller): string {
  return text.replace(TOKEN, (_m, name: string, value: string | undefined) => spell(name as OptionName, value));
}

export class SaneError extends Error {
  readonly code: SaneErrorCode;
  readonly reason: SaneErrorReason;
  /** What to change, with options spelled as the API's option names. */
  readonly hint?: string;
  /** Message and hint with option tokens unrendered, for a front end that spells options its own way. */
  readonly template: { message: string; hint?: string };
  constructor(reason: SaneErrorReason, message: string, options?: { hint?: string; cause?: unknown }) {
    super(renderOptions(message, apiSpelling), options?.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = 'SaneError';
    this.reason = reason;
    this.code = CODE_OF_REASON[reason];
    this.template = { message };
    if (options?.hint) {
      this.hint = renderOptions(options.hint, apiSpelling);
      this.template.hint = options.hint;
    }
  }

  /** Puts context (which model, which job) in front of the message. */
  addContext(prefix: string): this {
    this.message = prefix + this.message;
    this.template.message = prefix + this.template.message;
    return this;
  }

  /** The message and hint spelled for a front end (context goes through addContext, which keeps both). */
  render(spell: OptionSpeller): { message: string; hint?: string } {
    const hint = this.template.hint !== undefined ? renderOptions(this.template.hint, spell) : undefined;
    return { message: renderOptions(this.template.message, spell), hint };
  }
}

export function isSaneError(e: unknown): e is SaneError {
  return e instanceof SaneError;
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Reasons the numerical core gives for refusing something, as both bindings report them in `error.code`
 * (native/core/error.hpp): a refused argument, the memory guard, a non-finite product, or a misuse of a run.
 */
export const CORE_ERROR_REASONS: Record<string, SaneErrorReason> = {
  SANE_CORE_ARGUMENT: 'CORE',
  SANE_CORE_MEMORY: 'MEMORY',
  SANE_CORE_NUMERICAL: 'NON_FINITE',
  SANE_CORE_STATE: 'CORE',
};
