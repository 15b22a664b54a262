// The HTTP service over loopback (issue 8): auth, size limits, confinement of paths and external data, the
// declared-size bomb refused at once without memory growth, 50 concurrent jobs all completing with results equal to
// a direct score(), SSE progress, cancellation, metrics and the OpenAPI document.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { score } from '../src/api/score.js';
import { buildService } from '../src/server/app.js';
import { JobStore } from '../src/server/job-store.js';
import { LocalBackend } from '../src/server/backend.js';
import { decodeModel, serializeModel } from '../src/onnx/proto-codec.js';
import type { BatchOk } from '../src/batch/job.js';
import { repoRoot } from './helpers/paths.js';
import { present } from './helpers/present.js';

const TOKEN = 'test-token-0123456789';
const auth = { authorization: `Bearer ${TOKEN}` };
const opts = { estimator: 'exact', seed: 1 };
const root = mkdtempSync(path.join(tmpdir(), 'sane-serve-'));
const sweepModels = ['a_lr0.02', 'a_lr0.1', 'a_lr0.5', 'a_lr1.0', 'b_lr0.05', 'b_lr0.2', 'b_lr0.7', 'b_lr1.0'];
let app: FastifyInstance;
let backend: LocalBackend;
let base: string;

beforeAll(async () => {
  for (const m of sweepModels) copyFileSync(path.join(repoRoot, 'bench', 'sweep', `${m}.onnx`), path.join(root, `${m}.onnx`));
  copyFileSync(path.join(repoRoot, 'examples', 'spirals.npz'), path.join(root, 'data.npz'));
  writeFileSync(path.join(root, 'big.bin'), Buffer.alloc(200 * 1024));
  // A model whose external data points out of the root, and a 4 GB-declaring .npz.
  const m = decodeModel(readFileSync(path.join(root, 'a_lr0.1.onnx')));
  const t = m.graph.initializer[0];
  t.rawData = undefined;
  t.dataLocation = 1;
  t.externalData = [{ key: 'location', value: '../../../etc/passwd' }];
  writeFileSync(path.join(root, 'escape.onnx'), serializeModel(m));
  const zip = zipSync({ 'x.npy': new Uint8Array(200), 'y.npy': new Uint8Array(100) });
  const v = new DataView(zip.buffer);
  for (let i = 0; i + 4 <= zip.length; i++) if (v.getUint32(i, true) === 0x02014b50) v.setUint32(i + 24, 0xfff00000, true);
  writeFileSync(path.join(root, 'bomb.npz'), zip);

  const store = new JobStore();
  backend = new LocalBackend(store, { workers: 2, threads: 1 });
  app = await buildService({ token: TOKEN, root, maxUpload: 100 * 1024, store, backend });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await app?.close();
  await backend?.close();
  rmSync(root, { recursive: true, force: true });
});

const post = (body: unknown, headers: Record<string, string> = auth) =>
  fetch(`${base}/v1/jobs`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function waitDone(id: string, timeoutMs = 120_000): Promise<{ state: string; result: BatchOk }> {
  const t0 = Date.now();
  for (;;) {
    const r = (await (await fetch(`${base}/v1/jobs/${id}`, { headers: auth })).json()) as { state: string; result: BatchOk };
    if (['completed', 'failed', 'cancelled'].includes(r.state)) return r;
    if (Date.now() - t0 > timeoutMs) throw new Error(`job ${id} still ${r.state}`);
    await new Promise((res) => setTimeout(res, 100));
  }
}

const directCache = new Map<string, BatchOk>();
async function direct(model: string): Promise<{ sane: number; lambdaMax: number; top: number[] }> {
  if (!directCache.has(model)) directCache.set(model, (await score(path.join(root, `${model}.onnx`), path.join(root, 'data.npz'), { estimator: 'exact', seed: 1 })) as BatchOk);
  const d = directCache.get(model)!;
  return { sane: present(d.sane, `${model} sane`), lambdaMax: d.lambdaMax, top: d.topEigenvalues };
}

describe('sane serve', () => {
  it('is reachable on loopback and open on /healthz and /openapi.json only', async () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const doc = (await (await fetch(`${base}/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/jobs', '/v1/jobs/{id}', '/v1/jobs/{id}/events', '/metrics']));
  });

  it('answers 401 without a token or with a wrong one', async () => {
    const job = { model: 'a_lr0.1.onnx', data: 'data.npz' };
    expect((await post(job, {})).status).toBe(401);
    expect((await post(job, { authorization: `Bearer ${TOKEN}x` })).status).toBe(401);
    expect((await post(job, { authorization: TOKEN })).status).toBe(401);
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect((await fetch(`${base}/v1/jobs/x`, { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
  });

  it('answers 413 for an upload above --max-upload', async () => {
    const form = new FormData();
    form.append('model', new Blob([readFileSync(path.join(root, 'big.bin'))]), 'model.onnx');
    form.append('data', new Blob([readFileSync(path.join(root, 'data.npz'))]), 'data.npz');
    const r = await fetch(`${base}/v1/jobs`, { method: 'POST', headers: auth, body: form });
    expect(r.status).toBe(413);
    expect(((await r.json()) as { message: string }).message).toMatch(/above the limit of 102400 bytes/);
  });

  it.each([
    ['a path outside the root', { model: '../etc/passwd', data: 'data.npz' }, 403, /'\.\.' is not allowed/],
    ['an absolute path', { model: '/etc/passwd', data: 'data.npz' }, 403, /absolute path/],
    ['an external-data escape', { model: 'escape.onnx', data: 'data.npz' }, 403, /external data.*'\.\.' is not allowed/],
    ['the declared-size bomb', { model: 'a_lr0.1.onnx', data: 'bomb.npz' }, 422, /declares 4\.0 GiB.*budget/],
    ['a missing file', { model: 'nope.onnx', data: 'data.npz' }, 404, /not found/],
  ])('refuses %s with a 4xx and a clear message within a second', async (_what, body, status, message) => {
    const rss0 = process.memoryUsage().rss;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const r = await post(body);
      expect(performance.now() - t0).toBeLessThan(1000);
      expect(r.status).toBe(status);
      expect(((await r.json()) as { message: string }).message).toMatch(message);
    }
    expect(process.memoryUsage().rss - rss0).toBeLessThan(64 * 1024 ** 2);
  });

  it('runs an uploaded model and streams its progress as server-sent events', async () => {
    const form = new FormData();
    form.append('options', JSON.stringify(opts));
    form.append('model', new Blob([readFileSync(path.join(root, 'b_lr0.2.onnx'))]), 'm.onnx');
    form.append('data', new Blob([readFileSync(path.join(root, 'data.npz'))]), 'd.npz');
    const r = await fetch(`${base}/v1/jobs`, { method: 'POST', headers: auth, body: form });
    expect(r.status).toBe(202);
    const { id } = (await r.json()) as { id: string };
    const sse = await fetch(`${base}/v1/jobs/${id}/events`, { headers: auth });
    expect(sse.headers.get('content-type')).toBe('text/event-stream');
    const text = await sse.text(); // ends with the done event
    const events = [...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
    expect(events[0]).toBe('state');
    expect(events.at(-1)).toBe('done');
    const done = JSON.parse(/event: done\ndata: (.*)\n/.exec(text)![1]) as { state: string; result: BatchOk };
    expect(done.state).toBe('completed');
    expect({ sane: done.result.sane, lambdaMax: done.result.lambdaMax, top: done.result.topEigenvalues }).toEqual(await direct('b_lr0.2'));
    expect(existsSync(path.join(root, '.sane-uploads', id))).toBe(false); // removed once the job finished
  });

  it('completes 50 concurrent submissions, each with the right result, and counts them in /metrics', async () => {
    const t0 = performance.now();
    const models = Array.from({ length: 50 }, (_, i) => sweepModels[i % sweepModels.length]);
    const ids = await Promise.all(models.map(async (m) => {
      const r = await post({ model: `${m}.onnx`, data: 'data.npz', options: opts });
      expect(r.status).toBe(202);
      return ((await r.json()) as { id: string }).id;
    }));
    expect(new Set(ids).size).toBe(50);
    const done = await Promise.all(ids.map((id) => waitDone(id)));
    expect(performance.now() - t0).toBeLessThan(120_000);
    for (const [i, d] of done.entries()) {
      expect(d.state).toBe('completed');
      expect({ sane: d.result.sane, lambdaMax: d.result.lambdaMax, top: d.result.topEigenvalues }).toEqual(await direct(models[i]));
    }
    expect(done.filter((d) => d.result.graphReused).length).toBeGreaterThan(40);
    const metrics = await (await fetch(`${base}/metrics`, { headers: auth })).text();
    expect(Number(/sane_jobs\{state="completed"\} (\d+)/.exec(metrics)![1])).toBeGreaterThanOrEqual(50);
    expect(Number(/^sane_products_per_second (\S+)$/m.exec(metrics)![1])).toBeGreaterThan(0);
  });

  it('cancels a job with DELETE', async () => {
    // Queue enough work that the last job is still waiting when it is cancelled.
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(((await (await post({ model: 'a_lr0.5.onnx', data: 'data.npz', options: opts })).json()) as { id: string }).id);
    const last = ids.at(-1)!;
    expect((await fetch(`${base}/v1/jobs/${last}`, { method: 'DELETE', headers: auth })).status).toBe(202);
    const d = await waitDone(last);
    expect(d.state).toBe('cancelled');
    expect(d.result).toMatchObject({ status: 'error', reason: 'CANCELLED' });
    expect((await fetch(`${base}/v1/jobs/nope`, { method: 'DELETE', headers: auth })).status).toBe(404);
    await Promise.all(ids.slice(0, -1).map((id) => waitDone(id)));
  });
});
