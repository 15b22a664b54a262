// Messages between a WorkerPool (parent) and its scoring child processes, over the IPC channel of child_process.fork.
import type { BatchJob, BatchResult } from './job.js';

export interface JobProgress {
  hvpDone: number;
  hvpTotal: number;
  stage: string;
  elapsedSeconds: number;
  etaSeconds: number;
}

export type ToChild =
  | { type: 'job'; seq: number; job: BatchJob }
  | { type: 'cancel'; seq: number };

export type FromChild =
  | { type: 'ready'; pid: number }
  | { type: 'progress'; seq: number; progress: JobProgress }
  | { type: 'result'; seq: number; result: BatchResult };
