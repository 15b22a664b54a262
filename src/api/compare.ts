// compare(models, data): each model scored on the same data, read once, and ranked by SANE (smaller is preferred).
import type { ScoreOptions, ScoreResult } from './types.js';
import { loadArrays, type ArrayData } from '../data/dataset.js';
import { SaneError } from '../errors.js';
import { badOption } from './resolve-options.js';
import { score } from './score.js';

export interface CompareHooks {
  /** Before model `index` is scored (the CLI starts a progress bar per model here). */
  onModelStart?: (index: number, model: string) => ScoreOptions['onProgress'] | void;
  /** After model `index` was scored or failed. */
  onModelEnd?: (index: number, model: string) => void;
}

/** The ranking of compare(): by SANE, smallest first, without reordering the input. */
export function rankBySane(results: ScoreResult[]): ScoreResult[] {
  // A model without SANE (lanczos estimator: no error bar) ranks after those with one.
  return [...results].sort((a, b) => (a.sane === null ? 1 : 0) - (b.sane === null ? 1 : 0) || (a.sane ?? 0) - (b.sane ?? 0));
}

/** Scores each model on the same data and returns the results ranked by SANE, smallest (preferred) first. */
export async function compare(
  models: string[],
  data: string | Record<string, ArrayData>,
  options: ScoreOptions = {},
  hooks: CompareHooks = {},
): Promise<ScoreResult[]> {
  if (!Array.isArray(models) || models.length === 0) throw badOption('compare needs at least one model');
  const arrays = await loadArrays(data); // read once, shared
  const results: ScoreResult[] = [];
  for (const [i, m] of models.entries()) {
    const onProgress = hooks.onModelStart?.(i, m) ?? options.onProgress;
    try {
      results.push(await score(m, arrays, { ...options, onProgress }));
    } catch (e) {
      // Say which of the models failed; a message about the data alone would not.
      if (e instanceof SaneError && !e.message.includes(m)) e.addContext(`${m}: `);
      throw e;
    } finally {
      hooks.onModelEnd?.(i, m);
    }
  }
  return rankBySane(results);
}
