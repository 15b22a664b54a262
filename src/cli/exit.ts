// Exit statuses and the one place where an error becomes text on stderr.
import { CommanderError } from 'commander';
import { SaneError, type SaneErrorCode } from '../errors.js';

export const EXIT = {
  ok: 0,
  other: 1,
  usage: 2,
  input: 3,
  model: 4,
  numerical: 5,
  resources: 6,
  limit: 7,
} as const;

const EXIT_BY_CODE: Record<SaneErrorCode, number> = {
  usage: EXIT.usage,
  input: EXIT.input,
  model: EXIT.model,
  numerical: EXIT.numerical,
  resources: EXIT.resources,
  core: EXIT.other,
  limit: EXIT.limit,
};

const FILE_ERRNO = new Set(['ENOENT', 'EISDIR', 'ENOTDIR', 'EACCES', 'EPERM']);

export interface Classified {
  exitCode: number;
  /** Known problem with a message meant for the user (no stack needed). */
  known: boolean;
  message: string;
  hint?: string;
}

/**
 * Maps any thrown value to an exit status. SaneError first; then, for errors raised by layers that do not (yet)
 * use SaneError, by a string `code` property with the same vocabulary, a few class names, file-system errno
 * codes, and the memory guard's wording from the C++ core.
 */
export function classify(err: unknown): Classified {
  if (err instanceof CommanderError) {
    return { exitCode: err.exitCode === 0 ? EXIT.ok : EXIT.usage, known: true, message: err.message };
  }
  if (err instanceof SaneError) {
    return { exitCode: EXIT_BY_CODE[err.code] ?? EXIT.other, known: true, message: err.message, hint: err.hint };
  }
  const e = err instanceof Error ? err : new Error(String(err));
  const anyE = e as Error & { code?: unknown; hint?: unknown; path?: unknown };
  const hint = typeof anyE.hint === 'string' ? anyE.hint : undefined;
  if (typeof anyE.code === 'string') {
    if (anyE.code in EXIT_BY_CODE) {
      return { exitCode: EXIT_BY_CODE[anyE.code as SaneErrorCode], known: true, message: e.message, hint };
    }
    if (FILE_ERRNO.has(anyE.code)) {
      return { exitCode: EXIT.input, known: true, message: fileErrorMessage(anyE.code, anyE.path, e.message) };
    }
  }
  switch (e.name) {
    case 'UnsupportedOpError':
    case 'ModelError':
    case 'GradientBuildError':
      return { exitCode: EXIT.model, known: true, message: e.message, hint };
    case 'InputError':
    case 'DataError':
      return { exitCode: EXIT.input, known: true, message: e.message, hint };
    case 'NumericalError':
      return { exitCode: EXIT.numerical, known: true, message: e.message, hint };
    case 'ResourceError':
    case 'MemoryError':
      return { exitCode: EXIT.resources, known: true, message: e.message, hint };
  }
  if (/memory budget|does not fit|exceeds the (wasm )?heap|out of memory/i.test(e.message)) {
    return { exitCode: EXIT.resources, known: true, message: e.message, hint };
  }
  return { exitCode: EXIT.other, known: false, message: e.message || e.name };
}

function fileErrorMessage(code: string, path: unknown, fallback: string): string {
  const p = typeof path === 'string' ? path : undefined;
  if (!p) return fallback;
  switch (code) {
    case 'ENOENT':
      return `file not found: ${p}`;
    case 'EISDIR':
      return `expected a file, got a directory: ${p}`;
    case 'ENOTDIR':
      return `not a valid path (a parent is not a directory): ${p}`;
    default:
      return `cannot read ${p}: permission denied`;
  }
}

/** Writes the error for a user; returns the exit status. */
export function reportError(err: unknown, verbose: boolean, write: (s: string) => void): number {
  const c = classify(err);
  if (err instanceof CommanderError) return c.exitCode; // commander has already printed its message
  write(`sane: error: ${c.message}\n`);
  if (c.hint) write(`hint: ${c.hint}\n`);
  if (verbose) {
    const stack = err instanceof Error ? err.stack : undefined;
    if (stack) write(`${stack}\n`);
    let cause = err instanceof Error ? err.cause : undefined;
    while (cause instanceof Error) {
      write(`caused by: ${cause.stack ?? cause.message}\n`);
      cause = cause.cause;
    }
  } else if (!c.known) {
    write('(an unexpected error; run with --verbose for the stack)\n');
  }
  return c.exitCode;
}
