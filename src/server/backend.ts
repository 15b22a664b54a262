// Where the service's jobs run: on its own WorkerPool (LocalBackend), or on BullMQ workers (QueueBackend in
// src/queue/producer-backend.ts). Both report into the JobStore.
import { WorkerPool, type PoolOptions } from '../batch/pool.js';
import type { BatchJob } from '../batch/job.js';
import type { JobStore } from './job-store.js';

export interface JobBackend {
  submit(job: BatchJob): Promise<void>;
  cancel(id: string): Promise<void>;
  /** Graceful stop: running jobs finish (or go back to the queue). */
  close(): Promise<void>;
}

export class LocalBackend implements JobBackend {
  private pool: WorkerPool;
  private aborts = new Map<string, AbortController>();
  constructor(private store: JobStore, o: PoolOptions = {}) {
    this.pool = new WorkerPool(o);
  }

  async submit(job: BatchJob): Promise<void> {
    const ac = new AbortController();
    this.aborts.set(job.id, ac);
    void this.pool.run(job, { signal: ac.signal, onProgress: (p) => this.store.setProgress(job.id, p) }).then((result) => {
      this.aborts.delete(job.id);
      this.store.finish(job.id, result, ac.signal.aborted);
    });
  }

  async cancel(id: string): Promise<void> {
    this.aborts.get(id)?.abort();
  }

  async close(): Promise<void> {
    await this.pool.close({ drain: true });
  }
}
