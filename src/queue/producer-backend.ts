// `sane serve --queue URL`: the service as a BullMQ producer. Jobs are enqueued (paths must be on storage the
// workers see: the service's root); progress, completion and failure come back through QueueEvents into the
// JobStore. Cancelling removes a job that is still waiting, and asks the worker running it to stop (pub/sub).
import { QueueEvents, Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { BatchJob, BatchResult } from '../batch/job.js';
import type { JobBackend } from '../server/backend.js';
import type { JobStore } from '../server/job-store.js';
import type { JobProgress } from '../batch/protocol.js';
import { DEFAULT_QUEUE_NAME, cancelChannel, redisConnection } from './connection.js';
import { decodeFailure, type QueuePayload } from './payload.js';
import { Producer } from './producer.js';

export class QueueBackend implements JobBackend {
  private byBullId = new Map<string, string>();
  private constructor(private store: JobStore, private producer: Producer, private events: QueueEvents, private pub: Redis) {}

  static async connect(url: string, store: JobStore, o: { name?: string } = {}): Promise<QueueBackend> {
    const producer = new Producer({ url, name: o.name });
    const events = new QueueEvents(o.name ?? DEFAULT_QUEUE_NAME, { connection: redisConnection(url) });
    await events.waitUntilReady();
    const pub = new Redis(redisConnection(url));
    pub.on('error', () => undefined);
    const b = new QueueBackend(store, producer, events, pub);
    events.on('active', ({ jobId }) => b.id(jobId) && store.setState(b.id(jobId)!, 'running'));
    events.on('progress', ({ jobId, data }) => b.id(jobId) && store.setProgress(b.id(jobId)!, data as unknown as JobProgress));
    events.on('completed', ({ jobId, returnvalue }) => {
      const id = b.id(jobId);
      if (id) store.finish(id, (typeof returnvalue === 'string' ? JSON.parse(returnvalue) : returnvalue) as BatchResult);
    });
    events.on('failed', ({ jobId, failedReason }) => {
      const id = b.id(jobId);
      if (id) store.finish(id, decodeFailure(id, failedReason));
    });
    return b;
  }

  private id(bullId: string): string | undefined {
    return this.byBullId.get(bullId);
  }

  async submit(job: BatchJob): Promise<void> {
    const bullId = await this.producer.add(job);
    this.byBullId.set(bullId, job.id);
  }

  async cancel(id: string): Promise<void> {
    const bullId = [...this.byBullId].find(([, v]) => v === id)?.[0];
    if (!bullId) return;
    const job = await Job.fromId<QueuePayload, BatchResult>(this.producer.queue, bullId);
    const state = await job?.getState();
    if (job && (state === 'waiting' || state === 'delayed' || state === 'prioritized')) {
      await job.remove();
      this.store.finish(id, { id, status: 'error', reason: 'CANCELLED', code: 'limit', message: 'the job was cancelled' }, true);
    } else if (state === 'active') {
      // The worker holding it aborts it after the current product; its failure (CANCELLED) comes back as an event.
      await this.pub.publish(cancelChannel(this.producer.queue.name), bullId);
    }
  }

  async close(): Promise<void> {
    this.pub.disconnect();
    await this.events.close();
    await this.producer.close();
  }
}
