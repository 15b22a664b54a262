// `sane score` and `sane compare`: thin layers over score() from the API. All numbers come from there; this file
// only checks paths up front, draws progress, writes the plot and prints.
import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { SaneError } from '../errors.js';
import { checkUserFile } from '../util/user-files.js';
import type { ScoreResult } from '../api/types.js';
import { formatComparison, formatSummary } from './format.js';
import { toScoreOptions, type ScoreFlags } from './options.js';
import { createProgress } from './progress.js';

// The API is loaded on first use: `sane --help` and `sane doctor` should not pay for onnxruntime.
const api = () => import('../api/index.js');

// Paths are checked up front (checkUserFile, checkOutputPath) so a typo fails fast, before minutes of products.

async function checkOutputPath(path: string, what: string): Promise<void> {
  const dir = dirname(resolve(path));
  let info;
  try {
    info = await stat(dir);
  } catch {
    throw new SaneError('BAD_OPTION', `${what}: directory ${dir} does not exist`);
  }
  if (!info.isDirectory()) throw new SaneError('BAD_OPTION', `${what}: ${dir} is not a directory`);
}

function checkFlags(f: ScoreFlags): void {
  if (f.density && !f.json) throw new SaneError('BAD_OPTION', '--density only applies to --json output');
  if (f.plot !== undefined && !f.plot.toLowerCase().endsWith('.svg')) {
    throw new SaneError('BAD_OPTION', `--plot writes SVG; give a file name ending in .svg (got "${f.plot}")`);
  }
}

/** The ScoreResult as printed by --json: the density arrays only on request (they are long and only plots need them). */
export function jsonView(r: ScoreResult, withDensity: boolean): ScoreResult {
  if (withDensity || r.density === undefined) return r;
  const { density: _density, ...rest } = r;
  return rest as ScoreResult;
}

function print(text: string): void {
  process.stdout.write(text);
}

/** Warnings go to stderr whatever the output format (they are in the JSON too). */
function warn(r: ScoreResult): void {
  for (const w of r.warnings) process.stderr.write(`sane: warning: ${r.model}: ${w}\n`);
}

export async function scoreCommand(model: string, flags: ScoreFlags): Promise<void> {
  checkFlags(flags);
  await checkUserFile(model, 'model');
  await checkUserFile(flags.data, 'data');
  if (flags.plot !== undefined) await checkOutputPath(flags.plot, '--plot');
  const { score } = await api();
  const options = toScoreOptions(flags);
  const progress = createProgress('scoring');
  options.onProgress = progress.onProgress;
  let result: ScoreResult;
  try {
    result = await score(model, flags.data, options);
  } finally {
    progress.stop();
  }
  warn(result);
  if (flags.plot !== undefined) {
    // vega is heavy to load; only --plot needs it.
    const { writeDensityPlot } = await import('./plot.js');
    await writeDensityPlot(result, flags.plot);
  }
  if (flags.json) print(JSON.stringify(jsonView(result, !!flags.density), null, 2) + '\n');
  else {
    print(formatSummary(result));
    if (flags.plot !== undefined) print(`plot: ${flags.plot}\n`);
  }
}

export async function compareCommand(models: string[], flags: ScoreFlags): Promise<void> {
  checkFlags(flags);
  if (models.length < 2) throw new SaneError('BAD_OPTION', `sane compare needs at least two models (got ${models.length})`);
  for (const m of models) await checkUserFile(m, 'model');
  await checkUserFile(flags.data, 'data');
  const { compare } = await api();
  let progress: ReturnType<typeof createProgress> | undefined;
  const ranked = await compare(models, flags.data, toScoreOptions(flags), {
    onModelStart: (i, model) => {
      progress = createProgress(`[${i + 1}/${models.length}] ${model}`);
      return progress.onProgress;
    },
    onModelEnd: () => progress?.stop(),
  });
  for (const r of ranked) warn(r);
  if (flags.json) print(JSON.stringify(ranked.map((r) => jsonView(r, !!flags.density)), null, 2) + '\n');
  else print(formatComparison(ranked));
}
