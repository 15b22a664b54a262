// Registers the commands that score many jobs (issue 8): `sane batch` (local worker pool), `sane worker` and
// `sane submit` (BullMQ on Redis), `sane serve` (HTTP service). Each command's code lives in its own file and is
// loaded on use, so `sane score` does not pay for fastify or bullmq.
import type { Command } from 'commander';
import { parsePositiveInt } from './parse-int.js';

export function registerScaleOutCommands(program: Command, setExit: (code: number) => void): void {
  program
    .command('batch')
    .description('score every job of a JSONL file ({"id","model","data","options"} per line) on a pool of worker processes; one result line per job')
    .argument('<jobs.jsonl>', 'jobs file; relative paths in it resolve against its folder')
    .option('--workers <n>', 'worker processes (default: cores / threads)', parsePositiveInt)
    .option('--threads <n>', 'onnxruntime threads per worker (default: cores / workers)', parsePositiveInt)
    .option('--out <results.jsonl>', 'write result lines here instead of stdout')
    .option('--resume', 'skip jobs whose id is already in --out and append')
    .option('--verbose', 'stack traces on errors')
    .action(async (jobs: string, flags) => {
      const { batchCommand } = await import('./batch.js');
      setExit(await batchCommand(jobs, flags));
    });

  program
    .command('worker')
    .description('consume scoring jobs from a BullMQ queue on Redis')
    .requiredOption('--queue <url>', 'redis://HOST:PORT (optionally /DB)')
    .option('--workers <n>', 'jobs scored at once, each in its own process (default: cores / threads)', parsePositiveInt)
    .option('--threads <n>', 'onnxruntime threads per job (default: cores / workers)', parsePositiveInt)
    .option('--name <queue>', 'queue name', 'sane')
    .option('--lock-duration <ms>', 'BullMQ lock duration; a dead worker\'s jobs are retried after it', parsePositiveInt)
    .option('--verbose', 'stack traces on errors')
    .action(async (flags) => {
      const { workerCommand } = await import('./worker.js');
      setExit(await workerCommand(flags));
    });

  program
    .command('submit')
    .description('enqueue the jobs of a JSONL file on a BullMQ queue (paths must be visible to every worker)')
    .argument('<jobs.jsonl>', 'jobs file; relative paths in it resolve against its folder')
    .requiredOption('--queue <url>', 'redis://HOST:PORT (optionally /DB)')
    .option('--name <queue>', 'queue name', 'sane')
    .option('--wait', 'wait for the results and write them (stdout or --out)')
    .option('--out <results.jsonl>', 'with --wait: write result lines here')
    .option('--attempts <n>', 'attempts per job on worker failures (default 3)', parsePositiveInt)
    .option('--verbose', 'stack traces on errors')
    .action(async (jobs: string, flags) => {
      const { submitCommand } = await import('./submit.js');
      setExit(await submitCommand(jobs, flags));
    });

  program
    .command('serve')
    .description('HTTP service: POST /v1/jobs, GET /v1/jobs/:id[/events], DELETE /v1/jobs/:id, /healthz, /metrics, /openapi.json')
    .requiredOption('--port <port>', 'TCP port (0: any free port)', (v: string) => (v === '0' ? 0 : parsePositiveInt(v)))
    .requiredOption('--token <token>', 'bearer token clients must send (Authorization: Bearer TOKEN)')
    .requiredOption('--root <dir>', 'folder that job paths are relative to and confined to')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--max-upload <bytes>', 'largest request body (default 64 MiB)', parsePositiveInt)
    .option('--upload-dir <dir>', 'where uploaded files are kept while their job runs (default ROOT/.sane-uploads; with --queue, on storage the workers see)')
    .option('--queue <url>', 'enqueue jobs on BullMQ (redis://HOST:PORT) instead of running them in-process')
    .option('--name <queue>', 'with --queue: queue name', 'sane')
    .option('--max-params <n>', 'refuse jobs on models with more parameters (reason LIMIT)', parsePositiveInt)
    .option('--max-products <n>', 'stop jobs after this many Hessian-vector products (reason LIMIT)', parsePositiveInt)
    .option('--max-seconds <s>', 'stop jobs after this many seconds (reason LIMIT)', parsePositiveInt)
    .option('--workers <n>', 'worker processes without --queue', parsePositiveInt)
    .option('--threads <n>', 'onnxruntime threads per worker', parsePositiveInt)
    .option('--verbose', 'stack traces on errors')
    .action(async (flags) => {
      const { serveCommand } = await import('./serve.js');
      setExit(await serveCommand(flags));
    });
}
