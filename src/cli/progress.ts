// Progress of the Hessian-vector products on stderr. On a terminal, a bar. Piped or redirected (scripts, CI, logs,
// --json consumers), no control characters or partial lines: a run that ends within LINES_AFTER_SECONDS prints
// nothing, a longer one a plain line when a stage starts and every LINE_EVERY_SECONDS, so that a log of a
// quarter-hour ResNet run shows it alive and how far it is.
import cliProgress from 'cli-progress';
import type { ScoreOptions } from '../api/types.js';

type ProgressEvent = Parameters<NonNullable<ScoreOptions['onProgress']>>[0];

export interface Progress {
  onProgress: ScoreOptions['onProgress'];
  /** Removes the bar; call before printing results or errors. */
  stop(): void;
}

function eta(s: number): string {
  if (!Number.isFinite(s) || s < 0) return '?';
  if (s < 60) return `${Math.ceil(s)}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.round((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** Off a terminal: no line before a run has taken this long (quick runs stay silent). */
export const LINES_AFTER_SECONDS = 10;
/** Off a terminal: at most this long between two lines within a stage. */
export const LINE_EVERY_SECONDS = 30;

function progressLines(label: string, stream: Pick<NodeJS.WritableStream, 'write'>): Progress {
  let lastStage = '';
  let lastAt = -Infinity;
  return {
    onProgress(p: ProgressEvent) {
      if (p.elapsedSeconds < LINES_AFTER_SECONDS) return;
      if (p.stage === lastStage && p.elapsedSeconds - lastAt < LINE_EVERY_SECONDS) return;
      lastStage = p.stage;
      lastAt = p.elapsedSeconds;
      stream.write(`${label}: ${p.stage}, ${p.hvpDone}/${p.hvpTotal} HVPs, ${eta(p.elapsedSeconds)} elapsed, ETA ${eta(p.etaSeconds)}\n`);
    },
    stop() {},
  };
}

export function createProgress(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return progressLines(label, stream);
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `${label} {stage} |{bar}| {value}/{total} HVPs | {elapsed} elapsed | ETA {etaText}`,
      barsize: 24,
      hideCursor: true,
      clearOnComplete: true,
      stopOnComplete: false,
      // The bar's own ETA assumes a constant rate from the start; the scorer's estimate knows about stages.
      etaBuffer: 1,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let stopped = false;
  // The bar hides the cursor; an interrupt must give it back before the process dies.
  const onInterrupt = () => {
    if (started && !stopped) bar.stop();
    stream.write('\r\x1b[2K\x1b[?25h');
    process.exit(130);
  };
  process.once('SIGINT', onInterrupt);
  // Building the gradient models, reading the data and computing the gates come before the first product.
  stream.write(`${label}: preparing (gradient model, data, gates)...`);
  const clearLine = () => stream.write('\r\x1b[2K');
  return {
    onProgress(p: ProgressEvent) {
      if (stopped) return;
      const payload = { stage: p.stage, etaText: eta(p.etaSeconds), elapsed: eta(p.elapsedSeconds) };
      if (!started) {
        clearLine();
        bar.start(Math.max(p.hvpTotal, 1), p.hvpDone, payload);
        started = true;
      } else {
        if (bar.getTotal() !== p.hvpTotal) bar.setTotal(Math.max(p.hvpTotal, 1));
        bar.update(p.hvpDone, payload);
      }
    },
    stop() {
      process.removeListener('SIGINT', onInterrupt);
      if (started && !stopped) bar.stop();
      else if (!started && !stopped) clearLine();
      stopped = true;
    },
  };
}
