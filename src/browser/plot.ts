// The density plot of a result as SVG, in the page: the CLI's vega-lite spec (src/cli/plot.ts densitySpec) rendered
// by vega's headless SVG renderer, so the page and `sane score --plot` draw the same figure.
import type { ScoreResult } from '../api/types.js';
import { densitySpec, renderSvg } from '../cli/plot.js';
import { withErr } from '../cli/format.js';

/** SVG of the smoothed spectral density with λ_max and c·λ_max marked; undefined when the result has no density. */
export async function densitySvg(result: ScoreResult): Promise<string | undefined> {
  if (!result.density || result.density.grid.length < 2) return undefined;
  const o = result.options ?? {};
  const saneK = typeof o.saneK === 'number' ? o.saneK : 1;
  const mags = result.topEigenvalues.map(Math.abs);
  const spec = densitySpec({
    grid: result.density.grid,
    values: result.density.values,
    lambdaMax: result.lambdaMax,
    lambdaMin: result.lambdaMin,
    saneC: typeof o.saneC === 'number' ? o.saneC : 0.5,
    // SANE_k divides by the k-th largest |λ| (the top eigenvalues are by magnitude).
    saneScale: saneK >= 1 && saneK <= mags.length ? mags[saneK - 1] : undefined,
    saneK,
    title: `Hessian spectral density: ${result.model.replace(/^.*[\\/]/, '')}`,
    subtitle:
      `SANE = ${withErr(result.sane, result.saneStdErr)}, N_eff = ${withErr(result.neff, result.neffStdErr)}, ` +
      `P = ${result.numParams}, ${result.numSamples} samples, ${result.estimator}`,
  });
  return renderSvg(spec);
}
