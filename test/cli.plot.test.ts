// --plot: the density SVG drawn by vega-lite. Positions of the λ_max and c·λ_max rules are checked against the
// x-axis domain that vega reports in the SVG itself, so a wrong value, scale or layer shows up as a wrong pixel.
import { describe, expect, it } from 'vitest';
import { densitySpec, renderSvg } from '../src/cli/plot.js';

function gaussianDensity(eigs: number[], grid: number[], sigma: number): number[] {
  return grid.map(
    (x) => eigs.reduce((s, l) => s + Math.exp(-((x - l) ** 2) / (2 * sigma ** 2)), 0) / (eigs.length * sigma * Math.sqrt(2 * Math.PI)),
  );
}

const linspace = (a: number, b: number, n: number) => Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));

/** Checks that every opened tag is closed in order (enough to catch truncated or mangled output). */
function wellFormed(svg: string): boolean {
  const stack: string[] = [];
  for (const m of svg.matchAll(/<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = m;
    if (selfClosing) continue;
    if (!closing) stack.push(name);
    else if (stack.pop() !== name) return false;
  }
  return stack.length === 0;
}

function axisDomain(svg: string, axis: 'X' | 'Y'): { scale: string; from: number; to: number } {
  const m = new RegExp(`aria-label="${axis}-axis titled '[^']*' for a (\\w+) scale with values from ([^ ]+) to ([^"]+)"`).exec(svg);
  if (!m) throw new Error(`no ${axis} axis description in the SVG`);
  const num = (s: string) => Number(s.replace('−', '-'));
  return { scale: m[1], from: num(m[2]), to: num(m[3]) };
}

function ruleX(svg: string, kind: string): number {
  const m = new RegExp(`<line aria-label="[^"]*kind: ${kind}[;"][^>]*transform="translate\\(([-\\d.]+),`).exec(svg);
  if (!m) throw new Error(`no rule for ${kind}`);
  return Number(m[1]);
}

describe('spectral density plot', () => {
  it('marks λ_max and c·λ_max where the x axis puts them, on a log y axis for an outlier spectrum', async () => {
    // A bulk near 0 and a few outliers: the density spans many decades.
    const eigs = [-0.0013, ...linspace(0, 0.001, 100), 0.016, 0.022, 0.037, 0.0974];
    const grid = linspace(-0.005, 0.105, 300);
    const svg = await renderSvg(
      densitySpec({ grid, values: gaussianDensity(eigs, grid, 0.002), lambdaMax: 0.0974, lambdaMin: -0.0013, saneC: 0.5, title: 'T' }),
    );
    expect(svg.startsWith('<svg')).toBe(true);
    expect(wellFormed(svg)).toBe(true);
    expect(axisDomain(svg, 'Y').scale).toBe('log');
    const x = axisDomain(svg, 'X');
    expect(x.scale).toBe('linear');
    const width = 640;
    const px = (v: number) => ((v - x.from) / (x.to - x.from)) * width;
    expect(ruleX(svg, 'λ_max')).toBeCloseTo(px(0.0974), 1);
    expect(ruleX(svg, 'SANE threshold')).toBeCloseTo(px(0.0487), 1);
    expect(ruleX(svg, 'λ_min')).toBeCloseTo(px(-0.0013), 1);
    expect(svg).toContain('c·λ_max = 0.0487 (c = 0.5)');
    expect(svg).toContain('λ_max = 0.0974');
  });

  it('uses a linear y axis when the density has no long tail, and the SANE_k scale for the threshold', async () => {
    const grid = linspace(0, 2, 50);
    const values = grid.map(() => 0.5); // flat: nothing for a log axis to show
    const svg = await renderSvg(
      densitySpec({ grid, values, lambdaMax: 2, lambdaMin: 0, saneC: 0.1, saneScale: 1.5, title: 'flat' }),
    );
    expect(wellFormed(svg)).toBe(true);
    expect(axisDomain(svg, 'Y').scale).toBe('linear');
    const x = axisDomain(svg, 'X');
    const px = (v: number) => ((v - x.from) / (x.to - x.from)) * 640;
    expect(ruleX(svg, 'SANE threshold')).toBeCloseTo(px(0.15), 1);
    expect(svg).not.toContain('kind: λ_min'); // λ_min is marked only when negative
  });

  it('refuses a density whose grid and values do not match', () => {
    expect(() => densitySpec({ grid: [0, 1, 2], values: [1, 2], lambdaMax: 1, lambdaMin: 0, saneC: 0.5, title: '' })).toThrow(
      /matching grid and values/,
    );
  });
});
