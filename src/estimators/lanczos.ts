// Lanczos on the HVP operator through the core's reverse-communication solver: the extreme eigenvalues at both
// ends with residual bounds, and the converged Ritz pairs that SLQ deflates.
import type { Core, LanczosResult } from '../core/types.js';
import type { LinearOperator } from './linear-operator.js';
import { coreErrorCode, fromCoreError } from '../core/errors.js';
import { opt } from '../errors.js';

/** What to change when the core's memory guard refuses a run: the options that shrink it. */
export function lanczosMemoryHint(reorthogonalize: boolean): string {
  return reorthogonalize
    ? `use fewer steps (${opt('steps')}), narrow the parameters (${opt('params')}), raise ${opt('memoryBudget')}, or ` +
        `for the sums use ${opt('estimator', 'slq')}, which needs no stored basis when memory is short`
    : `narrow the parameters (${opt('params')}) or raise ${opt('memoryBudget')}`;
}

/** A core error as a SaneError, with the memory hint when the guard refused. */
export function lanczosError(e: unknown, reorthogonalize: boolean): Error {
  return fromCoreError(e, coreErrorCode(e) === 'SANE_CORE_MEMORY' ? lanczosMemoryHint(reorthogonalize) : undefined);
}

/** Default steps for top-k at both ends: enough for the extremes of a Hessian's outliers to converge. */
export function defaultLanczosSteps(n: number, top: number): number {
  return Math.min(n, Math.max(3 * top + 20, 60));
}

export interface LanczosRun {
  result: LanczosResult;
  products: number;
}

export interface RunLanczosOptions {
  steps: number;
  seed: number;
  reorthogonalize?: boolean;
  start?: Float64Array;
  ritzVectors?: number;
  memoryBudget?: number;
}

export async function runLanczos(core: Core, op: LinearOperator, o: RunLanczosOptions): Promise<LanczosRun> {
  let session;
  try {
    session = core.createLanczos({
      n: op.n,
      steps: Math.min(o.steps, op.n),
      reorthogonalize: o.reorthogonalize ?? true,
      seed: o.seed,
      start: o.start,
      ritzVectors: o.ritzVectors ?? 0,
      memoryBudget: o.memoryBudget ?? 0,
    });
  } catch (e) {
    throw lanczosError(e, o.reorthogonalize ?? true);
  }
  let products = 0;
  try {
    let more = true;
    while (more) {
      const hv = await op.apply(session.vector());
      products++;
      more = await session.stepAsync(hv);
    }
    return { result: session.result(), products };
  } finally {
    session.dispose();
  }
}

/** Ritz values sorted by |value| descending (ties: positive first), with their residual bounds. */
export function ritzByMagnitude(r: LanczosResult): { value: number; residual: number }[] {
  const items = Array.from(r.ritzValues, (value, i) => ({ value, residual: r.residuals[i] }));
  items.sort((a, b) => Math.abs(b.value) - Math.abs(a.value) || b.value - a.value);
  return items;
}

/** Whether a Ritz value counts as converged: residual bound below tol relative to the spectral scale. */
export function isConverged(residual: number, scale: number, tol = 1e-6): boolean {
  return residual <= tol * Math.max(scale, Number.MIN_VALUE);
}
