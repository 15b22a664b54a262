// A pool of scoring child processes (child_process.fork): N workers, each running one job at a time with T
// onnxruntime threads and its own SessionCache. Child processes rather than worker threads: onnxruntime-node and the
// native core are addons with process-wide state, a crash or an out-of-memory kill takes down one child only, and the
// parent's event loop stays free (for BullMQ lock renewal and the HTTP service).
//
// A job whose child dies is run again on a fresh child once; a second death becomes an error result (WORKER_DIED).
import { fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SaneError } from '../errors.js';
import type { BatchJob, BatchResult } from './job.js';
import type { FromChild, JobProgress, ToChild } from './protocol.js';

/** The message of jobs that were never started because the pool shut down (they have no result to record). */
export const SHUTDOWN_MESSAGE = 'not started: the worker pool is shutting down';

export interface PoolOptions {
  workers?: number;
  threads?: number;
}

/** workers × threads = cores by default; one given, the other fills the cores. */
export function resolveParallelism(o: PoolOptions, cores = os.availableParallelism?.() ?? os.cpus().length): { workers: number; threads: number } {
  for (const [k, v] of [['workers', o.workers], ['threads', o.threads]] as const) {
    if (v !== undefined && (!Number.isInteger(v) || (v as number) <= 0)) throw new SaneError('BAD_OPTION', `${k} must be a positive integer, got ${String(v)}`);
  }
  if (o.workers !== undefined && o.threads !== undefined) return { workers: o.workers, threads: o.threads };
  if (o.workers !== undefined) return { workers: o.workers, threads: Math.max(1, Math.floor(cores / o.workers)) };
  if (o.threads !== undefined) return { workers: Math.max(1, Math.floor(cores / o.threads)), threads: o.threads };
  return { workers: cores, threads: 1 };
}

interface Task {
  seq: number;
  job: BatchJob;
  attempts: number;
  onProgress?: (p: JobProgress) => void;
  resolve: (r: BatchResult) => void;
}

interface Slot {
  child: ChildProcess;
  task: Task | null;
}

function childEntry(): { file: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  // From the sources (tsx, vitest) the child runs child.ts through tsx; from dist, child.js directly.
  // tsx is resolved from here, not from the working directory (which may be anywhere).
  if (here.endsWith('.ts')) return { file: path.join(path.dirname(here), 'child.ts'), execArgv: ['--import', import.meta.resolve('tsx')] };
  return { file: path.join(path.dirname(here), 'child.js'), execArgv: [] };
}

export class WorkerPool {
  readonly workers: number;
  readonly threads: number;
  private slots: Slot[] = [];
  private queue: Task[] = [];
  private seq = 0;
  private closed = false;

  constructor(o: PoolOptions = {}) {
    const p = resolveParallelism(o);
    this.workers = p.workers;
    this.threads = p.threads;
    for (let i = 0; i < this.workers; i++) this.slots.push(this.spawn());
  }

  /** Process ids of the children (tests kill one). */
  get pids(): number[] {
    return this.slots.map((s) => s.child.pid ?? -1);
  }

  get busy(): number {
    return this.slots.filter((s) => s.task).length;
  }

  get queued(): number {
    return this.queue.length;
  }

  private spawn(): Slot {
    const { file, execArgv } = childEntry();
    const child = fork(file, [], {
      execArgv,
      env: { ...process.env, SANE_WORKER_THREADS: String(this.threads) },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const slot: Slot = { child, task: null };
    child.on('message', (m: FromChild) => {
      const t = slot.task;
      if (!t) return;
      if (m.type === 'progress' && m.seq === t.seq) t.onProgress?.(m.progress);
      if (m.type === 'result' && m.seq === t.seq) {
        slot.task = null;
        t.resolve(m.result);
        this.dispatch();
      }
    });
    child.on('exit', (code, signal) => this.onExit(slot, code, signal));
    return slot;
  }

  private onExit(slot: Slot, code: number | null, signal: NodeJS.Signals | null): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    const t = slot.task;
    slot.task = null;
    if (this.closed) return;
    this.slots[i] = this.spawn();
    if (t) {
      if (t.attempts < 2) {
        t.attempts++;
        this.queue.unshift(t);
      } else {
        t.resolve({ id: t.job.id, status: 'error', reason: 'INTERNAL', code: 'internal', message: `the worker process died while scoring (exit ${code ?? signal}), twice` });
      }
    }
    this.dispatch();
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.task || this.queue.length === 0 || !slot.child.connected) continue;
      const t = this.queue.shift()!;
      slot.task = t;
      slot.child.send({ type: 'job', seq: t.seq, job: t.job } satisfies ToChild);
    }
  }

  /** Runs a job on the next free child; never rejects (failures are error results). */
  run(job: BatchJob, o: { onProgress?: (p: JobProgress) => void; signal?: AbortSignal } = {}): Promise<BatchResult> {
    if (this.closed) return Promise.resolve({ id: job.id, status: 'error', reason: 'CANCELLED', code: 'limit', message: SHUTDOWN_MESSAGE });
    return new Promise((resolve) => {
      const t: Task = { seq: ++this.seq, job, attempts: 1, onProgress: o.onProgress, resolve };
      o.signal?.addEventListener('abort', () => {
        const qi = this.queue.indexOf(t);
        if (qi >= 0) {
          this.queue.splice(qi, 1);
          resolve({ id: job.id, status: 'error', reason: 'CANCELLED', code: 'limit', message: 'the job was cancelled' });
          return;
        }
        const slot = this.slots.find((s) => s.task === t);
        slot?.child.send({ type: 'cancel', seq: t.seq } satisfies ToChild);
      }, { once: true });
      this.queue.push(t);
      this.dispatch();
    });
  }

  /** Resolves every job not yet started as cancelled (SHUTDOWN_MESSAGE), leaving running ones to finish. */
  dropQueued(): void {
    for (const t of this.queue.splice(0)) t.resolve({ id: t.job.id, status: 'error', reason: 'CANCELLED', code: 'limit', message: SHUTDOWN_MESSAGE });
  }

  /**
   * Stops the pool. `drain`: running jobs finish first (graceful shutdown); queued jobs are resolved as cancelled.
   */
  async close(o: { drain?: boolean } = {}): Promise<void> {
    this.dropQueued();
    if (o.drain) {
      while (this.slots.some((s) => s.task)) await new Promise((r) => setTimeout(r, 50));
    }
    this.closed = true;
    await Promise.all(this.slots.map((s) => new Promise<void>((resolve) => {
      if (s.child.exitCode !== null || s.child.signalCode !== null) return resolve();
      s.child.once('exit', () => resolve());
      if (s.child.connected) s.child.disconnect();
      setTimeout(() => s.child.kill('SIGKILL'), 5000).unref();
    })));
  }
}
