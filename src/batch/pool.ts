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
import { architectureHint } from './architecture-hint.js';

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
  /** The model's architecture as far as the parent can tell (architecture-hint.ts); null: unknown. */
  hint: string | null;
  /** Resolved before it ran (cancelled or dropped while its hint was being computed). */
  settled?: boolean;
  onProgress?: (p: JobProgress) => void;
  resolve: (r: BatchResult) => void;
}

interface Slot {
  child: ChildProcess;
  task: Task | null;
  /** Hints of the graphs this child has built, most recent last (mirrors its SessionCache's LRU). */
  built: string[];
}

/** The child's SessionCache keeps this many graphs (its default). */
const GRAPHS_PER_CHILD = 4;

/**
 * Which queued task an idle worker takes (the index in `queue`): one of an architecture it has built (no graph
 * build), else one of an architecture no worker has built or is building (spreads architectures, one build each),
 * else the oldest (stealing costs one build, leaving the worker idle would cost a whole job) — unless more jobs'
 * hints are on their way (`moreComing`, a file read each), when it returns -1: wait for them. Oldest first within
 * each rule.
 */
export function chooseTask(queue: readonly { hint: string | null }[], built: readonly string[], elsewhere: ReadonlySet<string>, moreComing = false): number {
  const own = queue.findIndex((t) => t.hint !== null && built.includes(t.hint));
  if (own >= 0) return own;
  const fresh = queue.findIndex((t) => t.hint === null || !elsewhere.has(t.hint));
  if (fresh >= 0) return fresh;
  return moreComing || queue.length === 0 ? -1 : 0;
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
  /** Submitted tasks whose architecture hint is being computed (not yet in `queue`). */
  private hinting = new Set<Task>();
  private hints: Promise<void> = Promise.resolve();
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
    return this.queue.length + this.hinting.size;
  }

  private spawn(): Slot {
    const { file, execArgv } = childEntry();
    const child = fork(file, [], {
      execArgv,
      env: { ...process.env, SANE_WORKER_THREADS: String(this.threads) },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const slot: Slot = { child, task: null, built: [] };
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
      const elsewhere = new Set<string>();
      for (const other of this.slots) {
        if (other === slot) continue;
        for (const h of other.built) elsewhere.add(h);
        if (other.task?.hint) elsewhere.add(other.task.hint);
      }
      const i = chooseTask(this.queue, slot.built, elsewhere, this.hinting.size > 0);
      if (i < 0) continue;
      const [t] = this.queue.splice(i, 1);
      slot.task = t;
      if (t.hint !== null) {
        slot.built = [...slot.built.filter((h) => h !== t.hint), t.hint].slice(-GRAPHS_PER_CHILD);
      }
      slot.child.send({ type: 'job', seq: t.seq, job: t.job } satisfies ToChild);
    }
  }

  /** Queues a task in submission order (hints resolve out of order). */
  private enqueue(t: Task): void {
    const at = this.queue.findIndex((q) => q.seq > t.seq);
    if (at < 0) this.queue.push(t);
    else this.queue.splice(at, 0, t);
  }

  /** Runs a job on the next free child; never rejects (failures are error results). */
  run(job: BatchJob, o: { onProgress?: (p: JobProgress) => void; signal?: AbortSignal } = {}): Promise<BatchResult> {
    if (this.closed) return Promise.resolve({ id: job.id, status: 'error', reason: 'CANCELLED', code: 'limit', message: SHUTDOWN_MESSAGE });
    return new Promise((resolve) => {
      const t: Task = { seq: ++this.seq, job, attempts: 1, hint: null, onProgress: o.onProgress, resolve };
      o.signal?.addEventListener('abort', () => {
        const qi = this.queue.indexOf(t);
        if (qi >= 0 || this.hinting.has(t)) {
          if (qi >= 0) this.queue.splice(qi, 1);
          this.hinting.delete(t);
          t.settled = true;
          resolve({ id: job.id, status: 'error', reason: 'CANCELLED', code: 'limit', message: 'the job was cancelled' });
          return;
        }
        const slot = this.slots.find((s) => s.task === t);
        slot?.child.send({ type: 'cancel', seq: t.seq } satisfies ToChild);
      }, { once: true });
      // Queued once its hint is known (a file read, before the child reads the same file), so that the first
      // dispatches already see the architectures.
      this.hinting.add(t);
      // One file at a time (bounded memory in a service that receives many jobs at once), in submission order.
      const hinted = this.hints.then(() => (t.settled ? null : architectureHint(job)));
      this.hints = hinted.then(() => undefined);
      void hinted.then((hint) => {
        if (t.settled) return;
        this.hinting.delete(t);
        t.hint = hint;
        this.enqueue(t);
        this.dispatch();
      });
    });
  }

  /** Resolves every job not yet started as cancelled (SHUTDOWN_MESSAGE), leaving running ones to finish. */
  dropQueued(): void {
    const dropped = [...this.hinting, ...this.queue.splice(0)];
    this.hinting.clear();
    for (const t of dropped) {
      t.settled = true;
      t.resolve({ id: t.job.id, status: 'error', reason: 'CANCELLED', code: 'limit', message: SHUTDOWN_MESSAGE });
    }
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
