// --plot: the smoothed spectral density as SVG, drawn by vega-lite (compiled to vega and rendered headless with the
// 'none' renderer), with λ_max and the SANE threshold c·λ_max marked as vertical rules.
import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import * as vega from 'vega';
import * as vl from 'vega-lite';
import type { ScoreResult } from '../api/types.js';
import { SaneError } from '../errors.js';
import { fmt, withErr } from './format.js';

export interface DensityPlotInput {
  grid: number[];
  values: number[];
  lambdaMax: number;
  lambdaMin: number;
  /** SANE's c. */
  saneC: number;
  /** The scale SANE divides by (λ_max, or the k-th largest |λ| for SANE_k); defaults to max |λ|. */
  saneScale?: number;
  /** SANE_k's k (labels the threshold c·|λ_k| instead of c·λ_max). */
  saneK?: number;
  title: string;
  subtitle?: string;
}

// A Hessian spectrum is a bulk near zero plus a few outliers: on a linear axis the outliers' density is invisible,
// so switch to a log axis when the plotted values span more than three decades.
const LOG_WHEN_RANGE_EXCEEDS = 1e3;
// The smallest density shown on a log axis, relative to the peak; below that is smoothing-kernel tail.
const LOG_FLOOR = 1e-6;

export function densitySpec(input: DensityPlotInput): vl.TopLevelSpec {
  const { grid, values } = input;
  if (grid.length !== values.length || grid.length < 2) {
    throw new Error(`spectral density needs matching grid and values (got ${grid.length} and ${values.length})`);
  }
  const peak = Math.max(...values.filter((v) => Number.isFinite(v)));
  const positive = values.filter((v) => v > 0 && Number.isFinite(v));
  const minPositive = positive.length > 0 ? Math.min(...positive) : peak;
  const useLog = peak > 0 && peak / Math.max(minPositive, peak * LOG_FLOOR) > LOG_WHEN_RANGE_EXCEEDS;
  const floor = peak * LOG_FLOOR;
  const points = grid.map((x, i) => ({
    lambda: x,
    density: useLog ? Math.max(values[i], floor) : Math.max(values[i], 0),
  }));

  const scale = input.saneScale ?? Math.max(Math.abs(input.lambdaMax), Math.abs(input.lambdaMin));
  const threshold = input.saneC * scale;
  const rules = [
    { lambda: input.lambdaMax, label: `λ_max = ${fmt(input.lambdaMax)}`, kind: 'λ_max' },
    {
      lambda: threshold,
      label: `${(input.saneK ?? 1) === 1 ? 'c·λ_max' : `c·|λ_${input.saneK}|`} = ${fmt(threshold)} (c = ${input.saneC})`,
      kind: 'SANE threshold',
    },
  ];
  if (input.lambdaMin < 0) {
    rules.push({ lambda: input.lambdaMin, label: `λ_min = ${fmt(input.lambdaMin)}`, kind: 'λ_min' });
  }

  // Legend entries carry the values, so every rule is identified even where its text label would collide.
  const palette: Record<string, string> = { 'λ_max': '#d62728', 'SANE threshold': '#ff7f0e', 'λ_min': '#7f7f7f' };
  const ruleColors = { domain: rules.map((r) => r.label), range: rules.map((r) => palette[r.kind]) };
  const x = { field: 'lambda', type: 'quantitative' as const, title: 'eigenvalue λ', axis: { format: '.3~g' } };
  const color = { field: 'label', type: 'nominal' as const, scale: ruleColors };

  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: input.title, subtitle: input.subtitle ?? '', anchor: 'start' },
    width: 640,
    height: 320,
    background: 'white',
    padding: 8,
    config: { font: 'sans-serif', view: { stroke: '#ddd' }, axis: { grid: true, gridColor: '#eee' } },
    layer: [
      {
        data: { values: points },
        mark: { type: 'area', line: { color: '#1f77b4', strokeWidth: 1.5 }, color: '#1f77b4', opacity: 0.25 },
        encoding: {
          x,
          y: {
            field: 'density',
            type: 'quantitative',
            stack: null,
            title: useLog ? 'density (log scale)' : 'density',
            scale: useLog ? { type: 'log', domainMin: floor } : { zero: true },
            axis: { format: useLog ? '.0e' : '.3~g' },
          },
        },
      },
      {
        data: { values: rules },
        mark: { type: 'rule', strokeWidth: 1.5, strokeDash: [5, 3] },
        encoding: {
          x,
          color: {
            ...color,
            legend: { title: null, orient: 'bottom', direction: 'horizontal', symbolType: 'stroke', symbolStrokeWidth: 2, symbolDash: [5, 3], labelFontSize: 11, labelLimit: 400 },
          },
          tooltip: [{ field: 'kind' }, { field: 'label' }],
        },
      },
      {
        // Text beside the two rules SANE is about; λ_min sits in the bulk, where a label would cover the curve.
        data: { values: rules.filter((r) => r.kind !== 'λ_min') },
        mark: { type: 'text', angle: 270, align: 'right', baseline: 'bottom', dx: -6, dy: -3, fontSize: 10, y: 4 },
        encoding: { x, text: { field: 'label' }, color: { ...color, legend: null } },
      },
    ],
    resolve: { scale: { color: 'shared' } },
  } as vl.TopLevelSpec;
}

export async function renderSvg(spec: vl.TopLevelSpec): Promise<string> {
  // Library warnings would land on the user's terminal; the spec is ours, so only errors matter.
  const compiled = vl.compile(spec, { logger: vega.logger(vega.Error) }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Writes the density plot of a score result; an error if the scorer returned no density. */
export async function writeDensityPlot(result: ScoreResult, file: string): Promise<void> {
  if (!result.density || result.density.grid.length < 2) {
    throw new SaneError('BAD_OPTION', `--plot: the ${result.estimator} estimator returned no spectral density to plot`, {
      hint: 'use --estimator exact, slq or auto',
    });
  }
  const o = result.options ?? {};
  const saneC = typeof o.saneC === 'number' ? o.saneC : 0.5;
  const spec = densitySpec({
    grid: result.density.grid,
    values: result.density.values,
    lambdaMax: result.lambdaMax,
    lambdaMin: result.lambdaMin,
    saneC,
    saneScale: saneScaleOf(result),
    saneK: typeof o.saneK === 'number' ? o.saneK : 1,
    title: `Hessian spectral density: ${basename(result.model)}`,
    subtitle:
      `SANE = ${withErr(result.sane, result.saneStdErr)}, N_eff = ${withErr(result.neff, result.neffStdErr)}, P = ${result.numParams}, ` +
      `${result.numSamples} samples, ${result.estimator}`,
  });
  await writeFile(file, await renderSvg(spec));
}

// SANE_k divides by the k-th largest |λ|; for k = 1 that is max |λ|. The result carries the top eigenvalues by
// magnitude, so the k-th one is there whenever k <= top.
function saneScaleOf(r: ScoreResult): number | undefined {
  const k = typeof r.options?.saneK === 'number' ? r.options.saneK : 1;
  const mags = r.topEigenvalues.map(Math.abs);
  if (k >= 1 && k <= mags.length) return mags[k - 1];
  return undefined;
}
