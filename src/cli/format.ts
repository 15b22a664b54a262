// Human-readable text for stdout: the summary of one score and the ranked table of a comparison.
import type { ScoreResult } from '../api/types.js';

/** 4 significant digits; exponent notation outside [1e-3, 1e5) so tiny curvatures stay readable. */
export function fmt(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e-3 && a < 1e5) return Number(x.toPrecision(digits)).toString();
  return x.toExponential(digits - 1);
}

/** "3.946 ± 0.012", or just the value when the estimate is exact (standard error 0 or absent). */
/** A value with its standard error; a null value (a sum without an error bar, e.g. from the lanczos estimator) is
 *  shown as n/a. */
export function withErr(value: number | null, stdErr: number | null | undefined): string {
  if (value === null) return 'n/a';
  if (stdErr === undefined || stdErr === null || !Number.isFinite(stdErr) || stdErr === 0) return fmt(value);
  return `${fmt(value)} ± ${fmt(stdErr, 2)}`;
}

export function seconds(s: number): string {
  if (!Number.isFinite(s)) return String(s);
  if (s < 1) return `${(s * 1000).toFixed(s < 0.01 ? 2 : 0)} ms`;
  if (s < 120) return `${s.toFixed(2)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s - 60 * m)} s`;
}

function opt<T>(r: ScoreResult, key: string, fallback: T): T {
  const v = r.options?.[key];
  return v === undefined || v === null ? fallback : (v as T);
}

export function runtimeLabel(r: ScoreResult): string {
  return `${r.backend.core} core, ${r.backend.runtime}`;
}

function hvpLine(r: ScoreResult): string {
  const per = r.hvpCount > 0 ? ` (${seconds(r.hvpSeconds / r.hvpCount)} each)` : '';
  return `${r.hvpCount} in ${seconds(r.hvpSeconds)}${per}; total ${seconds(r.seconds)}`;
}

function estimatorLine(r: ScoreResult): string {
  const gates = r.options?.gates;
  const fd = r.options?.fdScheme;
  const details = [gates ? `gates ${gates}` : '', fd ? `${fd} differences` : ''].filter(Boolean);
  return details.length ? `${r.estimator} (${details.join(', ')})` : r.estimator;
}

export function formatSummary(r: ScoreResult): string {
  const c = opt(r, 'saneC', 0.5);
  const z = opt(r, 'neffZ', 1);
  const negative = opt(r, 'negative', 'abs');
  const k = opt(r, 'saneK', 1);
  const lossName = opt(r, 'loss', 'cross-entropy') + (opt<number>(r, 'classAxis', 1) === -1 ? ', classes on the last axis' : '') + (opt<string>(r, 'targets', 'indices') === 'probabilities' ? ', labels as class probabilities' : '') + (opt<number>(r, 'labelSmoothing', 0) !== 0 ? `, label smoothing ${opt<number>(r, 'labelSmoothing', 0)}` : '');
  const saneLabel = `SANE (c=${c}${k !== 1 ? `, k=${k}` : ''}${negative !== 'abs' ? `, ${negative}` : ''})`;
  const neffLabel = `N_eff (z=${z}${negative !== 'abs' ? `, ${negative}` : ''})`;
  const rows: [string, string][] = [
    ['model', r.model],
    [saneLabel, withErr(r.sane, r.saneStdErr)],
    [neffLabel, withErr(r.neff, r.neffStdErr)],
    ['λ_max', fmt(r.lambdaMax)],
    ['λ_min', fmt(r.lambdaMin)],
    [`top ${r.topEigenvalues.length} (by |λ|)`, r.topEigenvalues.map((x) => fmt(x)).join('  ')],
    ['trace', withErr(r.trace, r.traceStdErr)],
    ['parameters', String(r.numParams)],
    ['samples', String(r.numSamples)],
    ['loss', `${fmt(r.loss)} (${lossName})`],
    ['estimator', estimatorLine(r)],
    ['backend', runtimeLabel(r)],
    ['HVPs', hvpLine(r)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`);
  if (r.perLayer && r.perLayer.length > 0) {
    lines.push('', formatPerLayer(r));
  }
  return lines.join('\n') + '\n';
}

function table(header: string[], body: string[][], alignRight: boolean[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (alignRight[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

export function formatPerLayer(r: ScoreResult): string {
  const layers = r.perLayer ?? [];
  return table(
    ['parameter group', 'P', 'SANE', 'λ_max'],
    layers.map((l) => [l.params.join(', '), String(l.numParams), withErr(l.sane, l.saneStdErr), fmt(l.lambdaMax)]),
    [false, true, true, true],
  );
}

export function formatComparison(ranked: ScoreResult[]): string {
  const body = ranked.map((r, i) => [
    String(i + 1),
    r.model,
    withErr(r.sane, r.saneStdErr),
    withErr(r.neff, r.neffStdErr),
    fmt(r.lambdaMax),
    r.trace === null ? 'n/a' : fmt(r.trace),
    fmt(r.loss),
    String(r.numParams),
  ]);
  const text = table(
    ['rank', 'model', 'SANE', 'N_eff', 'λ_max', 'trace', 'loss', 'P'],
    body,
    [true, false, true, true, true, true, true, true],
  );
  const first = ranked[0];
  const c = first ? opt(first, 'saneC', 0.5) : 0.5;
  const note = `ranked by SANE (c=${c}); smaller is preferred.`;
  const backend = first
    ? `${first.estimator}, ${runtimeLabel(first)}, ${first.numSamples} samples, ` +
      `${ranked.reduce((s, r) => s + r.hvpCount, 0)} HVPs in ${seconds(ranked.reduce((s, r) => s + r.seconds, 0))}`
    : '';
  return `${text}\n\n${note}${backend ? ` ${backend}` : ''}\n`;
}
