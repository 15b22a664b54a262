// `sane worker --queue redis://HOST:PORT [--workers N] [--threads T]`: consumes scoring jobs from BullMQ until SIGTERM
// or SIGINT, then stops taking jobs and lets the running ones finish (a second signal exits at once; the queue
// retries those jobs elsewhere). Progress per job on stderr; nothing on stdout.
export interface WorkerFlags {
  queue: string;
  name: string;
  workers?: number;
  threads?: number;
  lockDuration?: number;
}

export async function workerCommand(f: WorkerFlags): Promise<number> {
  const { startConsumer } = await import('../queue/consumer.js');
  const c = await startConsumer({
    url: f.queue, name: f.name, workers: f.workers, threads: f.threads, lockDuration: f.lockDuration,
    onResult: (r) => process.stderr.write(`sane worker: ${r.id} ${r.status === 'ok' ? `ok (SANE ${r.sane === null ? 'n/a' : r.sane.toFixed(4)}, ${r.hvpCount} products${r.graphReused ? ', graph reused' : ''})` : `${r.reason}: ${r.message}`}\n`),
  });
  process.stderr.write(`sane worker: consuming queue "${f.name}" on ${f.queue} with ${c.pool.workers} process(es) × ${c.pool.threads} thread(s)\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  process.stderr.write('sane worker: shutting down, running jobs finish first\n');
  process.once('SIGTERM', () => process.exit(1));
  process.once('SIGINT', () => process.exit(1));
  await c.close();
  return 0;
}
