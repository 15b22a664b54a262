// The service's view of its jobs: state, progress and result per id, and listeners for the SSE stream. The store is
// in memory (a restart forgets it; with --queue, BullMQ in Redis is the durable record and the store a cache of it).
import { EventEmitter } from 'node:events';
import type { BatchJob, BatchResult } from '../batch/job.js';
import type { JobProgress } from '../batch/protocol.js';

export type JobState = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';
export const JOB_STATES: JobState[] = ['queued', 'running', 'completed', 'failed', 'cancelled'];

export interface JobRecord {
  id: string;
  state: JobState;
  job: BatchJob;
  createdAt: string;
  finishedAt?: string;
  progress?: JobProgress;
  result?: BatchResult;
}

export type JobEvent = { type: 'state'; state: JobState } | { type: 'progress'; progress: JobProgress } | { type: 'done'; record: JobRecord };

export class JobStore {
  private jobs = new Map<string, JobRecord>();
  private events = new EventEmitter();
  /** (time, products) of finished jobs, for the products-per-second gauge. */
  private finished: { t: number; products: number }[] = [];
  productsTotal = 0;

  constructor() {
    this.events.setMaxListeners(0);
  }

  add(job: BatchJob): JobRecord {
    const r: JobRecord = { id: job.id, state: 'queued', job, createdAt: new Date().toISOString() };
    this.jobs.set(job.id, r);
    return r;
  }

  get(id: string): JobRecord | undefined {
    return this.jobs.get(id);
  }

  setState(id: string, state: JobState): void {
    const r = this.jobs.get(id);
    if (!r || r.state === state || isFinal(r.state)) return;
    r.state = state;
    this.events.emit(id, { type: 'state', state } satisfies JobEvent);
  }

  setProgress(id: string, progress: JobProgress): void {
    const r = this.jobs.get(id);
    if (!r || isFinal(r.state)) return;
    r.progress = progress;
    if (r.state === 'queued') this.setState(id, 'running');
    this.events.emit(id, { type: 'progress', progress } satisfies JobEvent);
  }

  finish(id: string, result: BatchResult, cancelled = false): void {
    const r = this.jobs.get(id);
    if (!r || isFinal(r.state)) return; // recorded once
    r.result = result;
    r.state = cancelled || (result.status === 'error' && result.reason === 'CANCELLED') ? 'cancelled' : result.status === 'ok' ? 'completed' : 'failed';
    r.finishedAt = new Date().toISOString();
    if (result.status === 'ok') {
      this.productsTotal += result.hvpCount;
      this.finished.push({ t: Date.now(), products: result.hvpCount });
    }
    this.events.emit(id, { type: 'done', record: r } satisfies JobEvent);
  }

  subscribe(id: string, listener: (e: JobEvent) => void): () => void {
    this.events.on(id, listener);
    return () => this.events.off(id, listener);
  }

  counts(): Record<JobState, number> {
    const c = Object.fromEntries(JOB_STATES.map((s) => [s, 0])) as Record<JobState, number>;
    for (const r of this.jobs.values()) c[r.state]++;
    return c;
  }

  /** Products per second over the last `windowSeconds` (jobs that finished in it). */
  productsPerSecond(windowSeconds = 60): number {
    const since = Date.now() - windowSeconds * 1000;
    this.finished = this.finished.filter((f) => f.t >= since);
    return this.finished.reduce((s, f) => s + f.products, 0) / windowSeconds;
  }
}

export function isFinal(s: JobState): boolean {
  return s === 'completed' || s === 'failed' || s === 'cancelled';
}
