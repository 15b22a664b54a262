// Errors from the numerical core become SaneErrors here, at the core's boundary, by the code both bindings attach
// (native/core/error.hpp; src/errors.ts: CORE_ERROR_REASONS), never by their wording.
import { SaneError, errorMessage, CORE_ERROR_REASONS } from '../errors.js';

/** The code a core error carries (SANE_CORE_ARGUMENT, SANE_CORE_MEMORY, ...), if any. */
export function coreErrorCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Classifies an error from the core by its code: the memory guard, a non-finite value, or anything else it
 *  refuses. `hint` (what to change, options named with opt()) is attached when given. */
export function fromCoreError(e: unknown, hint?: string): SaneError {
  if (e instanceof SaneError) return e;
  const code = coreErrorCode(e);
  const reason = code !== undefined ? CORE_ERROR_REASONS[code] : undefined;
  return new SaneError(reason ?? 'CORE', errorMessage(e), { cause: e, hint });
}
