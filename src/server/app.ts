// The HTTP service (`sane serve`): Fastify routes over a JobStore and a JobBackend (own worker pool, or a BullMQ
// producer). Everything under /v1 and /metrics needs `Authorization: Bearer TOKEN`; /healthz and /openapi.json are
// open. Paths in job requests are relative to --root and confined to it; uploads are written under a folder of the
// service and size-limited (--max-upload, 413 above it). Hostile inputs (paths out of the root, external data out of
// the model's folder, declared-size bombs) are refused at submission with a 4xx and the reason (precheck.ts).
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import multipart from '@fastify/multipart';
import { SaneError, isSaneError } from '../errors.js';
import { validateJob, type BatchJob } from '../batch/job.js';
import { bearerChecker } from './auth.js';
import { confineJobPaths, httpStatus, precheckInputs } from './precheck.js';
import { JobStore, isFinal, type JobEvent, type JobRecord } from './job-store.js';
import type { JobBackend } from './backend.js';
import { prometheusText } from './metrics.js';
import { openapiDocument } from './openapi.js';

export interface ServiceOptions {
  token: string;
  root: string;
  /** Largest request body in bytes (default 64 MiB). */
  maxUpload?: number;
  /** Folder for uploaded files (default: ROOT/.sane-uploads, visible to queue workers sharing the root). */
  uploadDir?: string;
  /** Input budget for the prechecks (default: defaultInputBudget()). */
  maxInputBytes?: number;
  /** Ceilings on every job's caps: a request may ask for less, never more. */
  caps?: { maxParams?: number; maxProducts?: number; maxSeconds?: number };
  store: JobStore;
  backend: JobBackend;
  version?: string;
}

function refuse(reply: FastifyReply, status: number, e: { reason: string; message: string; hint?: string }) {
  return reply.code(status).send({ error: status === 401 ? 'unauthorized' : 'refused', reason: e.reason, message: e.message, ...(e.hint ? { hint: e.hint } : {}) });
}

/** The job's options with the service's caps applied (the smaller of the request's and the service's). */
function withCaps(job: BatchJob, caps: ServiceOptions['caps']): BatchJob {
  if (!caps) return job;
  const options = { ...job.options };
  for (const k of ['maxParams', 'maxProducts', 'maxSeconds'] as const) {
    const c = caps[k];
    if (c === undefined) continue;
    const asked = options[k];
    options[k] = typeof asked === 'number' && asked > 0 ? Math.min(asked, c) : c;
  }
  return { ...job, options };
}

function view(r: JobRecord) {
  return { id: r.id, state: r.state, createdAt: r.createdAt, finishedAt: r.finishedAt, progress: r.progress, result: r.result };
}

export async function buildService(o: ServiceOptions): Promise<FastifyInstance> {
  const maxUpload = o.maxUpload ?? 64 * 1024 * 1024;
  const uploadDir = o.uploadDir ?? path.join(o.root, '.sane-uploads');
  const app = Fastify({ bodyLimit: maxUpload, logger: false });
  await app.register(multipart, { limits: { fileSize: maxUpload, files: 2, fields: 4, fieldSize: 64 * 1024 } });
  const authorized = bearerChecker(o.token);
  const open = new Set(['/healthz', '/openapi.json']);

  app.addHook('onRequest', async (req, reply) => {
    if (open.has(req.routeOptions.url ?? '')) return;
    if (!authorized(req.headers.authorization)) {
      return refuse(reply, 401, { reason: 'UNAUTHORIZED', message: 'missing or wrong bearer token (Authorization: Bearer TOKEN)' });
    }
    // Refuse an oversized body by its declared length before reading any of it.
    const len = Number(req.headers['content-length'] ?? 0);
    if (len > maxUpload) return refuse(reply, 413, { reason: 'TOO_LARGE', message: `request body of ${len} bytes is above the limit of ${maxUpload} bytes` });
  });

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, _req, reply) => {
    if (isSaneError(err)) return refuse(reply, httpStatus(err), err);
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    const reason = status === 413 ? 'TOO_LARGE' : status === 500 ? 'INTERNAL' : (err.code ?? 'BAD_REQUEST');
    const message = status === 413 ? `request body above the limit of ${maxUpload} bytes` : err.message;
    return refuse(reply, status, { reason, message });
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/openapi.json', async () => openapiDocument(o.version ?? '0'));
  app.get('/metrics', async (_req, reply) => reply.type('text/plain; version=0.0.4').send(prometheusText(o.store)));

  app.post('/v1/jobs', async (req, reply) => {
    const id = randomUUID();
    let job: BatchJob;
    if (req.isMultipart()) {
      const dir = path.join(uploadDir, id);
      mkdirSync(dir, { recursive: true });
      try {
        const files: Record<string, string> = {};
        let options: unknown = {};
        for await (const part of req.parts()) {
          if (part.type === 'file') {
            if (part.fieldname !== 'model' && part.fieldname !== 'data') throw new SaneError('BAD_OPTION', `unexpected file field "${part.fieldname}" (expected "model" and "data")`);
            const name = part.fieldname === 'model' ? 'model.onnx' : part.filename?.toLowerCase().endsWith('.npy') ? 'data.npy' : 'data.npz';
            await pipeline(part.file, createWriteStream(path.join(dir, name)));
            files[part.fieldname] = path.join(dir, name);
          } else if (part.fieldname === 'options') {
            try {
              options = JSON.parse(String(part.value));
            } catch {
              throw new SaneError('BAD_OPTION', 'the "options" field is not valid JSON');
            }
          }
        }
        if (!files.model || !files.data) throw new SaneError('BAD_OPTION', 'a multipart job needs the files "model" and "data"');
        job = validateJob({ id, model: files.model, data: files.data, options }, 'job');
        precheckInputs(job.model, job.data, o.maxInputBytes);
      } catch (e) {
        rmSync(dir, { recursive: true, force: true });
        throw e;
      }
    } else {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const paths = confineJobPaths(o.root, body.model, body.data);
      job = validateJob({ id, model: paths.model, data: paths.data, options: body.options ?? {} }, 'job');
      precheckInputs(job.model, job.data, o.maxInputBytes);
    }
    job = withCaps(job, o.caps);
    o.store.add(job);
    if (req.isMultipart()) {
      // Uploaded files are the job's own: removed once it has finished.
      const off = o.store.subscribe(id, (e) => {
        if (e.type !== 'done') return;
        off();
        rmSync(path.join(uploadDir, id), { recursive: true, force: true });
      });
    }
    await o.backend.submit(job);
    return reply.code(202).send({ id });
  });

  app.get('/v1/jobs/:id', async (req, reply) => {
    const r = o.store.get((req.params as { id: string }).id);
    if (!r) return refuse(reply, 404, { reason: 'NOT_FOUND', message: 'no such job' });
    return view(r);
  });

  app.delete('/v1/jobs/:id', async (req, reply) => {
    const r = o.store.get((req.params as { id: string }).id);
    if (!r) return refuse(reply, 404, { reason: 'NOT_FOUND', message: 'no such job' });
    if (!isFinal(r.state)) await o.backend.cancel(r.id);
    return reply.code(202).send({ id: r.id, state: r.state });
  });

  app.get('/v1/jobs/:id/events', async (req, reply) => {
    const r = o.store.get((req.params as { id: string }).id);
    if (!r) return refuse(reply, 404, { reason: 'NOT_FOUND', message: 'no such job' });
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    send('state', { state: r.state, progress: r.progress });
    if (isFinal(r.state)) {
      send('done', view(r));
      res.end();
      return;
    }
    const off = o.store.subscribe(r.id, (e: JobEvent) => {
      if (e.type === 'progress') send('progress', e.progress);
      else if (e.type === 'state') send('state', { state: e.state });
      else {
        send('done', view(e.record));
        off();
        res.end();
      }
    });
    req.raw.on('close', off);
  });

  return app;
}
