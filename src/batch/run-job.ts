// Running one job in a process that keeps a SessionCache: verify the files' hashes, score with the cache, and turn
// any failure into an error result (one bad job never stops the others).
import { score } from '../api/score.js';
import type { SessionCache } from '../api/scoring-cache.js';
import type { ScoreOptions } from '../api/types.js';
import { errorResult, okResult, verifyJobFiles, type BatchJob, type BatchResult } from './job.js';

export interface RunJobOptions {
  cache: SessionCache;
  threads?: number;
  signal?: AbortSignal;
  onProgress?: ScoreOptions['onProgress'];
}

export async function runJob(job: BatchJob, o: RunJobOptions): Promise<BatchResult> {
  try {
    await verifyJobFiles(job);
    // When the products start and end, from the progress callback: what a job spends before its first product is the
    // set-up that reuse amortizes; what follows its last is the estimator's own work (e.g. a dense eigensolve).
    const t0 = performance.now();
    let first: number | undefined;
    let last = 0;
    const onProgress: ScoreOptions['onProgress'] = (p) => {
      const now = performance.now();
      first ??= now;
      last = now;
      o.onProgress?.(p);
    };
    // Results leave the density out (long arrays nobody plots from a batch): not computed either.
    const options: ScoreOptions = { ...job.options, density: false, signal: o.signal, onProgress };
    if (options.threads === undefined && o.threads !== undefined) options.threads = o.threads;
    let reused = false;
    const tracking = o.cache.tracking((r) => (reused = r));
    const result = await score(job.model, job.data, options, tracking);
    const end = performance.now();
    const phases = first === undefined ? undefined : { beforeProductsSeconds: (first - t0) / 1000, afterProductsSeconds: (end - last) / 1000 };
    return { ...okResult(job.id, result, reused), ...(phases ? { phases } : {}) };
  } catch (e) {
    return errorResult(job.id, e);
  }
}
