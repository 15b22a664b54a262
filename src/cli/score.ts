// `sane score` and `sane compare`: thin layers over score() from the API. All numbers come from there; this file
// only checks paths up front, draws progress, writes the plot and prints.
import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { SaneError } from '../errors.js';
import { checkUserFile } from '../util/user-files.js';
import type { ScoreOptions, ScoreResult } from '../api/types.js';
import { formatComparison, formatSummary, rankBySane } from './format.js';
import { toScoreOptions, type ScoreFlags } from './options.js';
import { createProgress } from './progress.js';

type ScoreFn = (model: string, data: string, options: ScoreOptions) => Promise<ScoreResult>;

// Loaded on first use: `sane --help` and `sane doctor` should not pay for onnxruntime.
async function loadScore(): Promise<ScoreFn> {
  const api = await import('../api/score.js');
  return api.score as unknown as ScoreFn;
}

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

/**
 * The gradient builder parses bytes and calls the file "model" in its messages; put the path back so the user
 * knows which file is corrupt (a no-op once the message names the file itself).
 */
export function nameTheModel(e: unknown, model: string): unknown {
  if (e instanceof SaneError && e.reason === 'CORRUPT_FILE' && !e.message.includes(model) && e.message.startsWith('model:')) {
    e.message = `${model}:${e.message.slice('model:'.length)}`;
  }
  return e;
}

function print(text: string): void {
  process.stdout.write(text);
}

export async function scoreCommand(model: string, flags: ScoreFlags): Promise<void> {
  checkFlags(flags);
  await checkUserFile(model, 'model');
  await checkUserFile(flags.data, 'data');
  if (flags.plot !== undefined) await checkOutputPath(flags.plot, '--plot');
  const score = await loadScore();
  const options = toScoreOptions(flags);
  const progress = createProgress('scoring');
  options.onProgress = progress.onProgress;
  let result: ScoreResult;
  try {
    result = await score(model, flags.data, options);
  } catch (e) {
    throw nameTheModel(e, model);
  } finally {
    progress.stop();
  }
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
  const score = await loadScore();
  const results: ScoreResult[] = [];
  for (const [i, model] of models.entries()) {
    const options = toScoreOptions(flags);
    const progress = createProgress(`[${i + 1}/${models.length}] ${model}`);
    options.onProgress = progress.onProgress;
    try {
      results.push(await score(model, flags.data, options));
    } catch (e) {
      nameTheModel(e, model);
      // Say which of the models failed; the API's own message may only name the data.
      if (e instanceof Error && !e.message.includes(model)) e.message = `${model}: ${e.message}`;
      throw e;
    } finally {
      progress.stop();
    }
  }
  const ranked = rankBySane(results);
  if (flags.json) print(JSON.stringify(ranked.map((r) => jsonView(r, !!flags.density)), null, 2) + '\n');
  else print(formatComparison(ranked));
}
