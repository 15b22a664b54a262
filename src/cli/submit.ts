// `sane submit JOBS.jsonl --queue URL [--wait [--out RESULTS.jsonl]]`: enqueues every job (paths made absolute, files
// hashed), prints the ids enqueued; with --wait, writes one result line per job as it finishes (stdout or --out) and
// progress on stderr. Exit 0 when every job succeeded, 1 when some failed.
import { createWriteStream } from 'node:fs';
import { SaneError } from '../errors.js';

export interface SubmitFlags {
  queue: string;
  name: string;
  wait?: boolean;
  out?: string;
  attempts?: number;
}

export async function submitCommand(jobsFile: string, f: SubmitFlags): Promise<number> {
  if (f.out && !f.wait) throw new SaneError('BAD_OPTION', '--out needs --wait (results are written as they finish)');
  const { readJobsFile } = await import('../batch/jobs-file.js');
  const { Producer } = await import('../queue/producer.js');
  const jobs = [];
  for await (const j of readJobsFile(jobsFile)) jobs.push(j);
  const ids = new Set<string>();
  for (const j of jobs) {
    if (ids.has(j.id)) throw new SaneError('BAD_OPTION', `${jobsFile}: duplicate job id "${j.id}"`);
    ids.add(j.id);
  }
  const producer = new Producer({ url: f.queue, name: f.name, attempts: f.attempts });
  try {
    for (const j of jobs) await producer.add(j);
    process.stderr.write(`sane submit: ${jobs.length} job(s) on queue "${f.name}"\n`);
    if (!f.wait) {
      for (const j of jobs) process.stdout.write(JSON.stringify({ id: j.id, status: 'queued' }) + '\n');
      return 0;
    }
    const out = f.out ? createWriteStream(f.out) : null;
    let done = 0;
    let failed = 0;
    const start = performance.now();
    await Promise.all(jobs.map(async (j) => {
      const r = await producer.result(j.id);
      done++;
      if (r.status === 'error') failed++;
      const line = JSON.stringify(r) + '\n';
      if (out) out.write(line);
      else process.stdout.write(line);
      const el = (performance.now() - start) / 1000;
      process.stderr.write(`sane submit: ${done}/${jobs.length} done${failed ? `, ${failed} failed` : ''}, ${el.toFixed(1)}s, ETA ${((el / done) * (jobs.length - done)).toFixed(0)}s\n`);
    }));
    if (out) await new Promise<void>((r) => out.end(() => r()));
    return failed > 0 ? 1 : 0;
  } finally {
    await producer.close();
  }
}
