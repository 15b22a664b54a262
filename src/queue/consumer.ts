// `sane worker`'s engine: a BullMQ Worker whose processor hands each job to a WorkerPool child process, so the
// CPU-heavy scoring never blocks the event loop that renews BullMQ's locks, and each child keeps its SessionCache
// across jobs. Deterministic failures (a corrupt model, a changed file: SaneErrors) are UnrecoverableErrors, never
// retried; anything else (a child that died) is retried with backoff. A worker killed outright loses its lock; after
// lockDuration BullMQ's stalled-job check moves its jobs back to the queue for another worker. Only the lock holder
// can complete a job, so each result is recorded once (as the job's return value, keyed by job id).
import os from 'node:os';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { WorkerPool, type PoolOptions } from '../batch/pool.js';
import type { BatchResult } from '../batch/job.js';
import { DEFAULT_QUEUE_NAME, cancelChannel, redisConnection } from './connection.js';
import { encodeFailure, type QueuePayload } from './payload.js';

export interface ConsumerOptions extends PoolOptions {
  url: string;
  name?: string;
  /** ms; a dead worker's jobs are retried this long after its last renewal (default 30 000). */
  lockDuration?: number;
  onResult?: (r: BatchResult) => void;
}

export interface Consumer {
  worker: Worker;
  pool: WorkerPool;
  /** Graceful stop: running jobs finish, nothing new is taken. */
  close(): Promise<void>;
}

export function workerName(pid = process.pid): string {
  return `${os.hostname()}:${pid}`;
}

export async function startConsumer(o: ConsumerOptions): Promise<Consumer> {
  const pool = new WorkerPool(o);
  const lockDuration = o.lockDuration ?? 30_000;
  const worker = new Worker<QueuePayload, BatchResult>(
    o.name ?? DEFAULT_QUEUE_NAME,
    async (job: Job<QueuePayload, BatchResult>, _token?: string, signal?: AbortSignal) => {
      // signal: BullMQ's, aborted by worker.cancelJob (on a cancel message from the service).
      const r = await pool.run(job.data.job, { signal, onProgress: (p) => void job.updateProgress({ ...p }).catch(() => undefined) });
      o.onResult?.(r);
      if (r.status === 'ok') return r;
      if (r.reason === 'INTERNAL') throw new Error(encodeFailure(r));
      throw new UnrecoverableError(encodeFailure(r));
    },
    {
      connection: redisConnection(o.url),
      // Recorded on each job as processedBy: which machine and process ran (or held) it.
      name: workerName(),
      concurrency: pool.workers,
      lockDuration,
      stalledInterval: Math.max(1000, Math.floor(lockDuration / 2)),
      maxStalledCount: 3,
    },
  );
  worker.on('error', (e) => process.stderr.write(`sane worker: ${e.message}\n`));
  await worker.waitUntilReady();
  // Cancellation of running jobs: the service publishes the job id; whichever worker holds it aborts it.
  const name = o.name ?? DEFAULT_QUEUE_NAME;
  const sub = new Redis(redisConnection(o.url));
  sub.on('error', () => undefined); // reconnects on its own; the Worker reports connection trouble
  await sub.subscribe(cancelChannel(name));
  sub.on('message', (_channel: string, bullId: string) => void worker.cancelJob(bullId, 'cancelled'));
  return {
    worker,
    pool,
    close: async () => {
      sub.disconnect();
      await worker.close();
      await pool.close({ drain: true });
    },
  };
}
