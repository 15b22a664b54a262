// Scale-out on BullMQ with a real redis-server (issue 8): two `sane worker` processes, 40 jobs + one corrupt model,
// one worker killed with SIGKILL mid-job: every result exactly once and equal to a direct score() with the same seed,
// the corrupt model's job failed with its reason; and jobs waiting in Redis survive a Redis restart (append-only file).
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { score } from '../src/api/score.js';
import { Producer } from '../src/queue/producer.js';
import { startConsumer, workerName } from '../src/queue/consumer.js';
import type { BatchOk, BatchResult } from '../src/batch/job.js';
import { RedisInstance } from './helpers/redis.js';
import { buildService } from '../src/server/app.js';
import { JobStore } from '../src/server/job-store.js';
import { QueueBackend } from '../src/queue/producer-backend.js';
import { runSane, saneBin } from './helpers/cli.js';
import { repoRoot } from './helpers/paths.js';
import { present } from './helpers/present.js';

const opts = { estimator: 'exact' as const, seed: 7 };
const sweep = ['a_lr0.02', 'a_lr0.05', 'a_lr0.1', 'a_lr0.2', 'a_lr0.3', 'a_lr0.5', 'a_lr0.7', 'a_lr1.0', 'b_lr0.02', 'b_lr0.05', 'b_lr0.1', 'b_lr0.2', 'b_lr0.3', 'b_lr0.5', 'b_lr0.7', 'b_lr1.0'];
const dir = mkdtempSync(path.join(tmpdir(), 'sane-queue-'));
const data = path.join(dir, 'spirals.npz');
const expected = new Map<string, { sane: number; lambdaMax: number; top: number[] }>();
let redis: RedisInstance;

beforeAll(async () => {
  copyFileSync(path.join(repoRoot, 'examples', 'spirals.npz'), data);
  for (const m of sweep) {
    copyFileSync(path.join(repoRoot, 'bench', 'sweep', `${m}.onnx`), path.join(dir, `${m}.onnx`));
    const r = await score(path.join(dir, `${m}.onnx`), data, opts);
    expected.set(m, { sane: present(r.sane, `${m} sane`), lambdaMax: r.lambdaMax, top: r.topEigenvalues });
  }
  writeFileSync(path.join(dir, 'corrupt.onnx'), 'not a model');
  redis = await RedisInstance.start();
});

afterAll(async () => {
  await redis?.destroy();
  rmSync(dir, { recursive: true, force: true });
});

function startWorker(name: string): { proc: ChildProcess; log: () => string } {
  const env = { ...process.env };
  for (const k of ['VITEST', 'VITEST_WORKER_ID', 'VITEST_POOL_ID', 'NODE_OPTIONS']) delete env[k];
  const proc = spawn(process.execPath, [saneBin, 'worker', '--queue', redis.url, '--name', name, '--workers', '1', '--threads', '1', '--lock-duration', '2000'], { cwd: tmpdir(), env, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  proc.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  return { proc, log: () => log };
}

const modelOf = (id: string) => sweep[Number(id.slice(4)) % sweep.length];

describe('sane worker / sane submit on BullMQ', () => {
  it('two workers, 40 jobs, one worker SIGKILLed mid-job: every result once, equal to score(); a corrupt model fails alone', async () => {
    const jobs = Array.from({ length: 40 }, (_, i) => ({ id: `job-${i}`, model: `${sweep[i % sweep.length]}.onnx`, data: 'spirals.npz', options: opts }));
    jobs.splice(20, 0, { id: 'corrupt', model: 'corrupt.onnx', data: 'spirals.npz', options: opts });
    const jobsFile = path.join(dir, 'jobs.jsonl');
    writeFileSync(jobsFile, jobs.map((j) => JSON.stringify(j)).join('\n') + '\n');
    const a = startWorker('kill');
    const b = startWorker('kill');
    try {
      const out = path.join(dir, 'results.jsonl');
      const submit = runSane(['submit', jobsFile, '--queue', redis.url, '--name', 'kill', '--wait', '--out', out], { cwd: tmpdir() });
      // Kill worker A once it has finished a few jobs, at a moment when it holds an active job (processedBy). A is
      // frozen (SIGSTOP) before the queue is asked, so it cannot complete the job it is seen holding in between
      // (jobs take 0.05-0.3 s); the pause lets a completion already sent before the freeze land first.
      const watch = new Producer({ url: redis.url, name: 'kill' });
      const t0 = Date.now();
      let held: string | undefined;
      while (!held) {
        if (Date.now() - t0 > 60_000) throw new Error(`worker A did not start scoring:\n${a.log()}`);
        if ((a.log().match(/ ok \(/g) ?? []).length >= 3) {
          a.proc.kill('SIGSTOP');
          await new Promise((r) => setTimeout(r, 100));
          held = (await watch.queue.getActive()).find((j) => j.processedBy === workerName(a.proc.pid))?.id;
          if (!held) a.proc.kill('SIGCONT');
        }
        if (!held) await new Promise((r) => setTimeout(r, 10));
      }
      a.proc.kill('SIGKILL');
      const run = await submit;
      expect(run.code, run.stderr).toBe(1); // one job failed (the corrupt model)
      const results = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as BatchResult);
      expect(results.length).toBe(41);
      expect(new Set(results.map((r) => r.id)).size).toBe(41);
      const corrupt = results.find((r) => r.id === 'corrupt')!;
      expect(corrupt).toMatchObject({ status: 'error', reason: 'CORRUPT_FILE', code: 'input' });
      for (const r of results.filter((x) => x.id !== 'corrupt')) {
        expect(r.status, JSON.stringify(r)).toBe('ok');
        const ok = r as BatchOk;
        expect({ sane: ok.sane, lambdaMax: ok.lambdaMax, top: ok.topEigenvalues }).toEqual(expected.get(modelOf(r.id)));
      }
      // The job A held when it died was taken over (stalled, then run again) by B, and recorded once.
      const taken = (await watch.queue.getJob(held))!;
      expect(taken.stalledCounter + taken.attemptsStarted).toBeGreaterThanOrEqual(2);
      expect(taken.processedBy).toBe(workerName(b.proc.pid));
      expect(await taken.getState()).toBe('completed');
      await watch.close();
    } finally {
      a.proc.kill('SIGKILL');
      // Graceful stop of the surviving worker: exit 0 once its (idle) processes are closed.
      const exit = new Promise((r) => b.proc.once('exit', r));
      b.proc.kill('SIGTERM');
      expect(await exit).toBe(0);
      expect(b.log()).toContain('shutting down');
    }
  });

  it('jobs waiting in Redis survive a Redis restart (append-only file)', async () => {
    const producer = new Producer({ url: redis.url, name: 'restart' });
    const ids = sweep.slice(0, 10).map((m, i) => ({ id: `r${i}`, model: path.join(dir, `${m}.onnx`), data, options: opts }));
    for (const j of ids) await producer.add(j);
    await producer.close();
    await redis.stop();
    await redis.launch();
    const consumer = await startConsumer({ url: redis.url, name: 'restart', workers: 2, threads: 1 });
    const p2 = new Producer({ url: redis.url, name: 'restart' });
    try {
      const results = await Promise.all(ids.map((j) => p2.result(j.id)));
      for (const [i, r] of results.entries()) {
        expect(r.status).toBe('ok');
        expect((r as BatchOk).sane).toBe(expected.get(sweep[i])!.sane);
      }
    } finally {
      await p2.close();
      await consumer.close();
    }
  });

  it('sane serve --queue is a BullMQ producer: jobs run on queue workers, results, caps and cancellation of a running job', async () => {
    const store = new JobStore();
    const backend = await QueueBackend.connect(redis.url, store, { name: 'serve' });
    const app = await buildService({ token: 'queue-token-123', root: dir, store, backend, caps: { maxParams: 200 } });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const consumer = await startConsumer({ url: redis.url, name: 'serve', workers: 1, threads: 1 });
    const headers = { authorization: 'Bearer queue-token-123', 'content-type': 'application/json' };
    try {
      const post = async (body: unknown) => ((await (await fetch(`${base}/v1/jobs`, { method: 'POST', headers, body: JSON.stringify(body) })).json()) as { id: string }).id;
      // Architecture b (147 parameters) fits under the service's cap of 200 parameters; a (371) does not.
      const small = { estimator: 'lanczos', steps: 10, seed: 7 };
      const okId = await post({ model: 'b_lr0.1.onnx', data: 'spirals.npz', options: small });
      const capped = await post({ model: 'a_lr0.1.onnx', data: 'spirals.npz', options: opts });
      const wait = async (id: string) => {
        for (let i = 0; i < 600; i++) {
          const r = (await (await fetch(`${base}/v1/jobs/${id}`, { headers })).json()) as { state: string; result: BatchResult };
          if (['completed', 'failed', 'cancelled'].includes(r.state)) return r;
          await new Promise((res) => setTimeout(res, 100));
        }
        throw new Error(`job ${id} did not finish`);
      };
      const a = await wait(okId);
      expect(a.state).toBe('completed');
      const direct = await score(path.join(dir, 'b_lr0.1.onnx'), data, small as never);
      expect((a.result as BatchOk).lambdaMax).toBe(direct.lambdaMax);
      const b = await wait(capped);
      expect(b.state).toBe('failed');
      expect(b.result).toMatchObject({ status: 'error', reason: 'LIMIT' });

      // DELETE of a running job: the worker holding it aborts it (pub/sub), the job ends cancelled.
      const long = await post({ model: 'b_lr0.2.onnx', data: 'spirals.npz', options: { estimator: 'slq', probes: 60, steps: 60, seed: 1 } });
      for (let i = 0; i < 300; i++) {
        const r = (await (await fetch(`${base}/v1/jobs/${long}`, { headers })).json()) as { state: string; progress?: { hvpDone: number } };
        if (r.state === 'running' && (r.progress?.hvpDone ?? 0) > 0) break;
        if (i === 299) throw new Error(`job never reported progress: ${JSON.stringify(r)}`);
        await new Promise((res) => setTimeout(res, 50));
      }
      expect((await fetch(`${base}/v1/jobs/${long}`, { method: 'DELETE', headers: { authorization: headers.authorization } })).status).toBe(202);
      const c = await wait(long);
      expect(c.state).toBe('cancelled');
      expect(c.result).toMatchObject({ status: 'error', reason: 'CANCELLED' });
    } finally {
      await app.close();
      await backend.close();
      await consumer.close();
    }
  });
});
