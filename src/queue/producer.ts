// `sane submit`'s engine: enqueue jobs on BullMQ with their files' SHA-256 (a worker refuses a file that changed),
// retries with exponential backoff, and the job id as BullMQ's id (submitting an id twice adds it once). With wait,
// each job's result is streamed as it finishes, from the job's return value or failure.
import { Queue, QueueEvents, Job } from 'bullmq';
import { sha256File, type BatchJob, type BatchResult } from '../batch/job.js';
import { SaneError } from '../errors.js';
import { DEFAULT_QUEUE_NAME, bullJobId, redisConnection } from './connection.js';
import { decodeFailure, type QueuePayload } from './payload.js';

export interface ProducerOptions {
  url: string;
  name?: string;
  attempts?: number;
}

export class Producer {
  readonly queue: Queue<QueuePayload, BatchResult>;
  private events: QueueEvents | null = null;
  private hashes = new Map<string, Promise<string>>();
  constructor(private o: ProducerOptions) {
    this.queue = new Queue(o.name ?? DEFAULT_QUEUE_NAME, { connection: redisConnection(o.url) });
  }

  private hash(file: string): Promise<string> {
    let h = this.hashes.get(file);
    if (!h) {
      h = sha256File(file).catch(() => {
        throw new SaneError('FILE_NOT_FOUND', `file not found: ${file} (jobs name files on storage every worker sees)`);
      });
      this.hashes.set(file, h);
    }
    return h;
  }

  /** Enqueues a job (paths absolute); returns BullMQ's id. */
  async add(job: BatchJob): Promise<string> {
    const sha256 = { model: job.sha256?.model ?? (await this.hash(job.model)), data: job.sha256?.data ?? (await this.hash(job.data)) };
    const b = await this.queue.add('score', { job: { ...job, sha256 } }, {
      jobId: bullJobId(job.id),
      attempts: this.o.attempts ?? 3,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: false,
      removeOnFail: false,
    });
    return b.id!;
  }

  private async queueEvents(): Promise<QueueEvents> {
    if (!this.events) {
      this.events = new QueueEvents(this.queue.name, { connection: redisConnection(this.o.url) });
      await this.events.waitUntilReady();
    }
    return this.events;
  }

  /** The result of one job once it finishes (ok, or the error result of its final failure). */
  async result(id: string): Promise<BatchResult> {
    const events = await this.queueEvents();
    const jobId = bullJobId(id);
    const job = await Job.fromId<QueuePayload, BatchResult>(this.queue, jobId);
    if (!job) throw new SaneError('BAD_OPTION', `no job ${id} in the queue`);
    try {
      return await job.waitUntilFinished(events);
    } catch (e) {
      const failed = await Job.fromId<QueuePayload, BatchResult>(this.queue, jobId);
      return decodeFailure(id, failed?.failedReason ?? (e as Error).message);
    }
  }

  async close(): Promise<void> {
    await this.events?.close();
    await this.queue.close();
  }
}
