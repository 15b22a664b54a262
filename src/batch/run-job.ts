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
    const options: ScoreOptions = { ...job.options, signal: o.signal, onProgress: o.onProgress };
    if (options.threads === undefined && o.threads !== undefined) options.threads = o.threads;
    let reused = false;
    const tracking = o.cache.tracking((r) => (reused = r));
    const result = await score(job.model, job.data, options, tracking);
    return okResult(job.id, result, reused);
  } catch (e) {
    return errorResult(job.id, e);
  }
}
