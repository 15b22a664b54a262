// Scoring many jobs: scoreBatch() runs them on a WorkerPool and yields each result as it finishes (not in input
// order), skipping ids already done. `sane batch` is a thin layer over it; the API exports it as an async iterator:
//
//   for await (const r of scoreBatch(jobs, { workers: 2 })) console.log(r.id, r.status);
import { SHUTDOWN_MESSAGE, WorkerPool, resolveParallelism, type PoolOptions } from './pool.js';
import type { BatchJob, BatchResult } from './job.js';
import type { JobProgress } from './protocol.js';

/** Jobs in flight per worker: the pool's choice when a worker frees up (a job object each; small). */
const IN_FLIGHT_PER_WORKER = 8;

export interface BatchOptions extends PoolOptions {
  /** Ids to skip (already in the output: --resume). */
  skip?: Set<string>;
  /** Called when a job starts, progresses or ends (for progress bars). */
  onEvent?: (e: { kind: 'progress'; id: string; progress: JobProgress } | { kind: 'done'; result: BatchResult }) => void;
  /** A pool to use instead of a new one (kept open afterwards). */
  pool?: WorkerPool;
  /** Cancels running jobs (their results say CANCELLED). */
  signal?: AbortSignal;
  /** Graceful stop (SIGTERM): no new job starts, running ones finish and are yielded; jobs not started yield
   *  nothing (a later run with the same skip set does them). */
  stop?: AbortSignal;
}

export async function* scoreBatch(jobs: Iterable<BatchJob> | AsyncIterable<BatchJob>, o: BatchOptions = {}): AsyncGenerator<BatchResult> {
  // The options are checked now; the worker processes start with the first job to run, so that a run with nothing
  // left to do (--resume after the last job, every id skipped) starts none (each loads onnxruntime and the core).
  resolveParallelism(o);
  let pool: WorkerPool | undefined = o.pool;
  const pending = new Map<string, Promise<{ key: string; result: BatchResult }>>();
  const seen = new Set<string>();
  let n = 0;
  try {
    o.stop?.addEventListener('abort', () => pool?.dropQueued(), { once: true });
    for await (const job of jobs as AsyncIterable<BatchJob>) {
      if (o.stop?.aborted) break;
      if (o.skip?.has(job.id)) continue;
      // Duplicate ids would make results ambiguous (and --resume unsound): the second is an error result.
      if (seen.has(job.id)) {
        yield { id: job.id, status: 'error', reason: 'BAD_OPTION', code: 'usage', message: `duplicate job id "${job.id}"` };
        continue;
      }
      seen.add(job.id);
      const key = String(n++);
      pool ??= new WorkerPool(o);
      pending.set(key, pool.run(job, { signal: o.signal, onProgress: (p) => o.onEvent?.({ kind: 'progress', id: job.id, progress: p }) }).then((result) => ({ key, result })));
      // At most a few jobs per worker in flight, so that a huge jobs file streams rather than all queued at once; enough
      // that the pool can send each worker the checkpoints of the architecture it has built (pool.ts, chooseTask).
      while (pending.size >= pool.workers * IN_FLIGHT_PER_WORKER) {
        const r = await next(pending, o);
        if (!notStarted(r)) yield r;
      }
    }
    while (pending.size > 0) {
      const r = await next(pending, o);
      if (!notStarted(r)) yield r;
    }
  } finally {
    if (pool && !o.pool) await pool.close();
  }
}

function notStarted(r: BatchResult): boolean {
  return r.status === 'error' && r.reason === 'CANCELLED' && r.message === SHUTDOWN_MESSAGE;
}

async function next(pending: Map<string, Promise<{ key: string; result: BatchResult }>>, o: BatchOptions): Promise<BatchResult> {
  const { key, result } = await Promise.race(pending.values());
  pending.delete(key);
  if (!notStarted(result)) o.onEvent?.({ kind: 'done', result });
  return result;
}
