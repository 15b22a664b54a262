// `sane serve --port P --token T --root DIR [--max-upload BYTES] [--queue URL]`: the HTTP service (src/server). Jobs run
// on the service's own worker pool, or with --queue are enqueued on BullMQ for `sane worker`s. Listens on loopback
// unless --host says otherwise. SIGTERM/SIGINT: stop accepting, let running jobs finish (or, with --queue, leave the
// queue to the workers), exit 0.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { SaneError } from '../errors.js';
import { packageInfo } from '../util/package-root.js';

export interface ServeFlags {
  port: number;
  token: string;
  root: string;
  host: string;
  maxUpload?: number;
  uploadDir?: string;
  queue?: string;
  name?: string;
  workers?: number;
  threads?: number;
  maxParams?: number;
  maxProducts?: number;
  maxSeconds?: number;
}

export async function serveCommand(f: ServeFlags): Promise<number> {
  const root = path.resolve(f.root);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new SaneError('BAD_OPTION', `--root ${f.root} is not a directory`);
  if (f.token.length < 8) throw new SaneError('BAD_OPTION', '--token must be at least 8 characters');
  const { buildService } = await import('../server/app.js');
  const { JobStore } = await import('../server/job-store.js');
  const store = new JobStore();
  let backend;
  if (f.queue) {
    const { QueueBackend } = await import('../queue/producer-backend.js');
    backend = await QueueBackend.connect(f.queue, store, { name: f.name });
  } else {
    const { LocalBackend } = await import('../server/backend.js');
    backend = new LocalBackend(store, { workers: f.workers, threads: f.threads });
  }
  const app = await buildService({ token: f.token, root, maxUpload: f.maxUpload, uploadDir: f.uploadDir ? path.resolve(f.uploadDir) : undefined, store, backend,
    caps: { maxParams: f.maxParams, maxProducts: f.maxProducts, maxSeconds: f.maxSeconds }, version: packageInfo().version });
  const address = await app.listen({ port: f.port, host: f.host });
  process.stderr.write(`sane serve: listening on ${address} (root ${root}, ${f.queue ? `queue ${f.queue}` : 'own worker pool'})\n`);
  // Machine-readable: the address on stdout, for scripts that start the service on port 0.
  process.stdout.write(JSON.stringify({ url: address }) + '\n');
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  process.stderr.write('sane serve: shutting down, running jobs finish first\n');
  await app.close();
  await backend.close();
  return 0;
}
