// `sane batch JOBS.jsonl [--workers N] [--threads T] [--out RESULTS.jsonl] [--resume]`: scores every job on a pool of
// worker processes, one result line per job as it finishes (stdout, or appended to --out), progress and ETA on stderr.
import { createWriteStream, type WriteStream } from 'node:fs';
import { SaneError } from '../errors.js';
import { parsePositiveInt } from './parse-int.js';

export interface BatchFlags {
  workers?: number;
  threads?: number;
  out?: string;
  resume?: boolean;
  verbose?: boolean;
}

export { parsePositiveInt };

function formatEta(s: number): string {
  if (!Number.isFinite(s)) return '?';
  return s >= 60 ? `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s` : `${s.toFixed(0)}s`;
}

export async function batchCommand(jobsFile: string, flags: BatchFlags): Promise<number> {
  if (flags.resume && !flags.out) throw new SaneError('BAD_OPTION', '--resume needs --out (the results file whose ids are skipped)');
  const { readJobsFile, doneIds } = await import('../batch/jobs-file.js');
  const { scoreBatch } = await import('../batch/batch.js');
  // Count first (cheap) so that progress can show N/total and an ETA; this also validates every line up front.
  const skip = flags.resume && flags.out ? await doneIds(flags.out) : new Set<string>();
  let todo = 0;
  for await (const j of readJobsFile(jobsFile)) if (!skip.has(j.id)) todo++;
  let out: WriteStream | null = null;
  if (flags.out) out = createWriteStream(flags.out, { flags: flags.resume ? 'a' : 'w' });
  const write = (line: string) => (out ? new Promise<void>((r) => out!.write(line, () => r())) : Promise.resolve(void process.stdout.write(line)));

  const start = performance.now();
  let done = 0;
  let failed = 0;
  const tty = process.stderr.isTTY;
  const status = (final = false) => {
    const el = (performance.now() - start) / 1000;
    const eta = done > 0 ? (el / done) * (todo - done) : NaN;
    const line = `batch: ${done}/${todo} done${failed ? `, ${failed} failed` : ''}, ${el.toFixed(1)}s elapsed, ETA ${formatEta(eta)}`;
    process.stderr.write(tty && !final ? `\r${line}\x1b[K` : `${line}\n`);
  };
  if (skip.size > 0) process.stderr.write(`batch: resuming, ${skip.size} job(s) already in ${flags.out}\n`);
  // SIGTERM/SIGINT: running jobs finish and are written, nothing new starts; --resume picks up the rest.
  const stop = new AbortController();
  const onSignal = () => {
    process.stderr.write(`${tty ? '\n' : ''}batch: stopping, running jobs finish first (rerun with --resume for the rest)\n`);
    stop.abort();
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  for await (const r of scoreBatch(readJobsFile(jobsFile), { workers: flags.workers, threads: flags.threads, skip, stop: stop.signal })) {
    done++;
    if (r.status === 'error') {
      failed++;
      process.stderr.write(`${tty ? '\r\x1b[K' : ''}batch: job ${r.id} failed: ${r.reason}: ${r.message}\n`);
    }
    await write(JSON.stringify(r) + '\n');
    status();
  }
  if (tty) process.stderr.write('\n');
  status(true);
  if (out) await new Promise<void>((r) => out!.end(() => r()));
  process.off('SIGTERM', onSignal);
  process.off('SIGINT', onSignal);
  if (stop.signal.aborted) return 143; // stopped by a signal, as shells report SIGTERM
  return failed > 0 ? 1 : 0;
}
