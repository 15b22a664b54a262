// scoreBatch() starts its worker processes with the first job it runs: a batch with nothing left to do (`sane batch
// --resume` after the last job, every id skipped) starts none. The pool is replaced by a recorder, so the test sees
// exactly which pools were made and which jobs reached them, without forking anything.
import { describe, expect, it, vi } from 'vitest';
import type { BatchJob, BatchResult } from '../src/batch/job.js';

const made: { workers: number; ran: string[]; closed: boolean }[] = [];

vi.mock('../src/batch/pool.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/batch/pool.js')>();
  class RecordingPool {
    readonly workers: number;
    private readonly record: { workers: number; ran: string[]; closed: boolean };
    constructor(o: { workers?: number; threads?: number }) {
      this.workers = real.resolveParallelism(o).workers;
      this.record = { workers: this.workers, ran: [], closed: false };
      made.push(this.record);
    }
    async run(job: BatchJob): Promise<BatchResult> {
      this.record.ran.push(job.id);
      return { id: job.id, status: 'error', reason: 'CANCELLED', code: 'limit', message: 'recorded' };
    }
    dropQueued(): void {}
    async close(): Promise<void> {
      this.record.closed = true;
    }
  }
  return { ...real, WorkerPool: RecordingPool };
});

const { scoreBatch } = await import('../src/batch/batch.js');

const job = (id: string): BatchJob => ({ id, model: `${id}.onnx`, data: 'd.npz' });

async function drain(jobs: BatchJob[], skip: string[], workers = 2): Promise<BatchResult[]> {
  const out: BatchResult[] = [];
  for await (const r of scoreBatch(jobs, { workers, threads: 1, skip: new Set(skip) })) out.push(r);
  return out;
}

describe('scoreBatch starts workers only for jobs it runs', () => {
  it('every id skipped: no pool, no results', async () => {
    made.length = 0;
    expect(await drain([job('a'), job('b')], ['a', 'b'])).toEqual([]);
    expect(made).toEqual([]);
  });

  it('no jobs at all: no pool', async () => {
    made.length = 0;
    expect(await drain([], [])).toEqual([]);
    expect(made).toEqual([]);
  });

  it('one job left: one pool of the asked size runs exactly it and is closed', async () => {
    made.length = 0;
    const results = await drain([job('a'), job('b'), job('c')], ['a', 'c'], 3);
    expect(results.map((r) => r.id)).toEqual(['b']);
    expect(made).toEqual([{ workers: 3, ran: ['b'], closed: true }]);
  });

  it('bad parallelism options are still refused when nothing is left to do', async () => {
    await expect(drain([job('a')], ['a'], 0)).rejects.toThrow(/workers/);
  });
});
