// Exit statuses and the one place where an error becomes text on stderr.
import { CommanderError } from 'commander';
import { SaneError, type SaneErrorCode } from '../errors.js';
import { cliSpelling } from './flags.js';

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
 * Maps any thrown value to an exit status. Every layer below throws SaneErrors for what it refuses, spelled with
 * option tokens that are rendered here as flags; file-system errors that escape (errno codes) are input problems;
 * anything else is unexpected.
 */
export function classify(err: unknown): Classified {
  if (err instanceof CommanderError) {
    return { exitCode: err.exitCode === 0 ? EXIT.ok : EXIT.usage, known: true, message: err.message };
  }
  if (err instanceof SaneError) {
    const { message, hint } = err.render(cliSpelling);
    return { exitCode: EXIT_BY_CODE[err.code] ?? EXIT.other, known: true, message, hint };
  }
  const e = err instanceof Error ? err : new Error(String(err));
  const errno = (e as Error & { code?: unknown }).code;
  if (typeof errno === 'string' && FILE_ERRNO.has(errno)) {
    return { exitCode: EXIT.input, known: true, message: fileErrorMessage(errno, (e as Error & { path?: unknown }).path, e.message) };
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
