// Errors from the numerical core become SaneErrors here, at the core's boundary, by the code both bindings attach
// (src/errors.ts: CORE_ERROR_REASONS), never by their wording.
import { SaneError, errorMessage, CORE_ERROR_REASONS } from '../errors.js';

/** Classifies an error from the core: its memory guard, a non-finite product, or anything else it refuses. */
export function fromCoreError(e: unknown, hint?: string): SaneError {
  if (e instanceof SaneError) return e;
  const code = (e as { code?: unknown } | null)?.code;
  let reason = typeof code === 'string' ? CORE_ERROR_REASONS[code] : undefined;
  // TRANSITIONAL until both bindings attach codes: the memory guard's wording.
  if (reason === undefined && /memory|GiB|MiB|budget|heap|does not fit/i.test(errorMessage(e))) reason = 'MEMORY';
  return new SaneError(reason ?? 'CORE', errorMessage(e), { cause: e, hint });
}
