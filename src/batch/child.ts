// Entry point of a scoring child process (forked by WorkerPool): one SessionCache for the life of the process, so
// checkpoints of one architecture share a built gradient graph and onnxruntime sessions, and data files are read
// once. Jobs come one at a time over IPC; progress and results go back the same way. The child exits when its parent
// goes away (IPC disconnect), so a killed worker leaves no orphans computing results nobody will read.
import { SessionCache } from '../api/scoring-cache.js';
import { runJob } from './run-job.js';
import { warmUp } from './warm-up.js';
import type { FromChild, ToChild } from './protocol.js';

const cache = new SessionCache();
const threads = process.env.SANE_WORKER_THREADS ? Number(process.env.SANE_WORKER_THREADS) : undefined;
const running = new Map<number, AbortController>();

function send(m: FromChild): void {
  if (process.connected) process.send!(m);
}

// Start-up work paid once per worker rather than by its first job (warm-up.ts); failures are left for the job to
// report with its own error.
const warm = warmUp(threads);

let lastProgress = 0;
process.on('message', (m: ToChild) => {
  if (m.type === 'cancel') {
    running.get(m.seq)?.abort();
    return;
  }
  if (m.type !== 'job') return;
  const ac = new AbortController();
  running.set(m.seq, ac);
  void warm.then(() => runJob(m.job, {
    cache,
    threads,
    signal: ac.signal,
    onProgress: (p) => {
      // Throttled: a product can take well under a millisecond on small models.
      const now = performance.now();
      if (now - lastProgress < 100 && p.hvpDone < p.hvpTotal) return;
      lastProgress = now;
      send({ type: 'progress', seq: m.seq, progress: p });
    },
  })).then((result) => {
    running.delete(m.seq);
    send({ type: 'result', seq: m.seq, result });
  });
});

process.on('disconnect', () => {
  void cache.close().finally(() => process.exit(0));
});
// SIGTERM to the process group: the parent decides what happens to running jobs; finish the current one.
process.on('SIGTERM', () => undefined);
void warm.then(() => send({ type: 'ready', pid: process.pid }));
