// The CLI's option parsers, number formatting, ranking and error classification, in-process.
import { describe, expect, it } from 'vitest';
import { Command, InvalidArgumentError } from 'commander';
import { addScoreOptions, toScoreOptions, type ScoreFlags } from '../src/cli/options.js';
import {
  collectInputMapping,
  parseByteSize,
  parseChoice,
  parseFloatStrict,
  parseLoss,
  parseNonNegativeInt,
  parsePositiveFloat,
  parsePositiveInt,
  parseRegex,
} from '../src/cli/parse.js';
import { fmt, withErr } from '../src/cli/format.js';
import { rankBySane } from '../src/api/compare.js';
import { classify, EXIT, reportError } from '../src/cli/exit.js';
import { SaneError } from '../src/errors.js';
import type { ScoreResult } from '../src/api/types.js';

describe('number parsers', () => {
  it('accepts positive integers and rejects everything else with a reason', () => {
    expect(parsePositiveInt('5')).toBe(5);
    expect(parsePositiveInt(' 12 ')).toBe(12);
    for (const bad of ['0', '-3', '2.5', '1e3', 'abc', '', ' ', '9007199254740993']) {
      expect(() => parsePositiveInt(bad)).toThrow(InvalidArgumentError);
    }
    expect(() => parsePositiveInt('0')).toThrow(/>= 1/);
    expect(parseNonNegativeInt('0')).toBe(0);
    expect(() => parseNonNegativeInt('-1')).toThrow(/>= 0/);
  });

  it('parses floats strictly', () => {
    expect(parseFloatStrict('0.5')).toBe(0.5);
    expect(parseFloatStrict('1e-3')).toBe(0.001);
    expect(parseFloatStrict('.25')).toBe(0.25);
    expect(parseFloatStrict('-2')).toBe(-2);
    for (const bad of ['', 'NaN', 'Infinity', '1e999', '0x10', '1,5', '5abc']) {
      expect(() => parseFloatStrict(bad), bad).toThrow(InvalidArgumentError);
    }
    expect(parsePositiveFloat('3')).toBe(3);
    expect(() => parsePositiveFloat('0')).toThrow(/> 0/);
  });

  it('parses byte sizes with binary and SI units', () => {
    expect(parseByteSize('4096')).toBe(4096);
    expect(parseByteSize('1KiB')).toBe(1024);
    expect(parseByteSize('2GiB')).toBe(2 * 1024 ** 3);
    expect(parseByteSize('512 MiB')).toBe(512 * 1024 ** 2);
    expect(parseByteSize('1.5GB')).toBe(1.5e9);
    expect(parseByteSize('1e9')).toBe(1e9);
    expect(parseByteSize('3kb')).toBe(3000);
    expect(parseByteSize('1TiB')).toBe(2 ** 40);
    expect(() => parseByteSize('2 parsecs')).toThrow(/unknown size unit "parsecs"/);
    for (const bad of ['', 'GiB', '-1GiB', '0', '0.1B']) {
      expect(() => parseByteSize(bad), bad).toThrow(InvalidArgumentError);
    }
  });
});

describe('other parsers', () => {
  it('collects repeated --input NAME=KEY', () => {
    let m = collectInputMapping('x=features', undefined);
    m = collectInputMapping('mask=attention_mask', m);
    expect(m).toEqual({ x: 'features', mask: 'attention_mask' });
    // a key may itself contain '='; the first '=' splits
    expect(collectInputMapping('input.1=a=b', undefined)).toEqual({ 'input.1': 'a=b' });
    expect(() => collectInputMapping('x', undefined)).toThrow(/NAME=KEY/);
    expect(() => collectInputMapping('=k', undefined)).toThrow(/NAME=KEY/);
    expect(() => collectInputMapping('x=', undefined)).toThrow(/NAME=KEY/);
    expect(() => collectInputMapping('x=b', { x: 'a' })).toThrow(/mapped twice/);
  });

  it('validates losses, choices and regular expressions', () => {
    expect(parseLoss('mse')).toBe('mse');
    expect(parseLoss('bce')).toBe('bce');
    expect(parseLoss('output:loss')).toBe('output:loss');
    expect(() => parseLoss('output:')).toThrow(/output:NAME/);
    expect(() => parseLoss('hinge')).toThrow(/cross-entropy, mse, bce or output:NAME/);
    const est = parseChoice(['exact', 'slq'] as const, '--estimator');
    expect(est('slq')).toBe('slq');
    expect(() => est('fast')).toThrow(/--estimator must be one of exact, slq; got "fast"/);
    expect(parseRegex('^fc\\.')).toBe('^fc\\.');
    expect(() => parseRegex('(')).toThrow(/not a valid regular expression/);
  });
});

describe('formatting', () => {
  it('prints 4 significant digits and exponents for tiny or huge values', () => {
    expect(fmt(3.946290494721758)).toBe('3.946');
    expect(fmt(0.09744763258798103)).toBe('0.09745');
    expect(fmt(-0.0013654659068378433)).toBe('-0.001365');
    expect(fmt(1.23456e-5)).toBe('1.235e-5');
    expect(fmt(123456)).toBe('1.235e+5');
    expect(fmt(0)).toBe('0');
    expect(fmt(Number.NaN)).toBe('NaN');
    expect(withErr(2.5, 0)).toBe('2.5');
    expect(withErr(2.5, 0.0123)).toBe('2.5 ± 0.012');
  });

  it('ranks by SANE, smallest first, without reordering the input', () => {
    const r = (model: string, sane: number) => ({ model, sane }) as ScoreResult;
    const input = [r('a', 3), r('b', 1.5), r('c', 2)];
    expect(rankBySane(input).map((x) => x.model)).toEqual(['b', 'c', 'a']);
    expect(input.map((x) => x.model)).toEqual(['a', 'b', 'c']);
  });
});

describe('exit statuses', () => {
  it('maps SaneError codes to the documented statuses', () => {
    expect(classify(new SaneError('BAD_OPTION', 'x')).exitCode).toBe(EXIT.usage);
    expect(classify(new SaneError('FILE_NOT_FOUND', 'x')).exitCode).toBe(EXIT.input);
    expect(classify(new SaneError('CORRUPT_FILE', 'x')).exitCode).toBe(EXIT.input);
    expect(classify(new SaneError('DATA_KEY', 'x')).exitCode).toBe(EXIT.input);
    expect(classify(new SaneError('DATA_SHAPE', 'x')).exitCode).toBe(EXIT.input);
    expect(classify(new SaneError('LABELS', 'x')).exitCode).toBe(EXIT.input);
    expect(classify(new SaneError('UNSUPPORTED_OP', 'x')).exitCode).toBe(EXIT.model);
    expect(classify(new SaneError('MODEL', 'x')).exitCode).toBe(EXIT.model);
    expect(classify(new SaneError('NON_FINITE', 'x')).exitCode).toBe(EXIT.numerical);
    expect(classify(new SaneError('MEMORY', 'x')).exitCode).toBe(EXIT.resources);
    expect(classify(new SaneError('CORE', 'x')).exitCode).toBe(EXIT.other);
    expect(classify(new SaneError('LIMIT', 'x')).exitCode).toBe(EXIT.limit);
    expect(classify(new SaneError('FORBIDDEN_PATH', 'x')).exitCode).toBe(EXIT.input);
    expect(EXIT).toEqual({ ok: 0, other: 1, usage: 2, input: 3, model: 4, numerical: 5, resources: 6, limit: 7 });
  });

  it('treats file-system errors as input problems and anything else as unexpected', () => {
    const enoent = Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT', path: '/nope.onnx' });
    expect(classify(enoent)).toMatchObject({ exitCode: EXIT.input, known: true, message: 'file not found: /nope.onnx' });
    expect(classify(new TypeError('x is undefined'))).toMatchObject({ exitCode: EXIT.other, known: false });
  });

  it('prints a known error as one line plus its hint, an unknown one with the --verbose suggestion', () => {
    let text = '';
    const write = (t: string) => (text += t);
    const code = reportError(new SaneError('LABELS', "labels out of range: 'y' holds class 7", { hint: 'use 0-based classes' }), false, write);
    expect(code).toBe(EXIT.input);
    expect(text).toBe("sane: error: labels out of range: 'y' holds class 7\nhint: use 0-based classes\n");

    text = '';
    expect(reportError(new TypeError('cannot read properties of undefined'), false, write)).toBe(EXIT.other);
    expect(text).toMatch(/^sane: error: cannot read properties of undefined\n.*run with --verbose for the stack/);
    expect(text).not.toMatch(/\n\s+at /);

    text = '';
    reportError(new TypeError('boom'), true, write);
    expect(text).toMatch(/TypeError: boom\n\s+at /); // the stack
  });
});

describe('score flags -> ScoreOptions', () => {
  function parse(args: string[]): ScoreFlags {
    const cmd = addScoreOptions(new Command('score').argument('<model>').exitOverride().configureOutput({ writeErr: () => {} }));
    cmd.parse(['m.onnx', ...args], { from: 'user' });
    return cmd.opts<ScoreFlags>();
  }

  it('maps every flag to its API option name and typed value', () => {
    const flags = parse([
      '--data', 'd.npz', '--loss', 'output:total', '--estimator', 'slq', '--exact-limit', '100', '--top', '7',
      '--steps', '40', '--probes', '12', '--seed', '3', '--sane-c', '0.25', '--neff-z', '2', '--negative', 'clip',
      '--sane-k', '2', '--params', '^fc', '--per-layer', '--batch-size', '32', '--samples', '64',
      '--input', 'x=features', '--input', 'mask=m', '--labels', 'targets', '--ignore-index', '-1', '--class-axis', '-1', '--label-smoothing', '0.1', '--gates', 'live', '--padding-rows', 'trained', '--fd', 'forward',
      '--fd-step', '1e-3', '--threads', '2', '--core', 'wasm', '--runtime', 'web', '--memory-budget', '1GiB',
      '--json', '--density',
    ]);
    expect(toScoreOptions(flags)).toEqual({
      loss: 'output:total', estimator: 'slq', exactLimit: 100, top: 7, steps: 40, probes: 12, seed: 3, saneC: 0.25,
      neffZ: 2, negative: 'clip', saneK: 2, params: '^fc', perLayer: true, batchSize: 32, samples: 64,
      inputMap: { x: 'features', mask: 'm' }, labelsKey: 'targets', ignoreIndex: -1, classAxis: -1, labelSmoothing: 0.1, gates: 'live', paddingRows: 'trained', fdScheme: 'forward', fdStep: 0.001,
      threads: 2, core: 'wasm', runtime: 'onnxruntime-web', memoryBudget: 2 ** 30, density: true,
    });
  });

  it('passes nothing the user did not set, so the API defaults apply (but for the density, which the CLI shows only on request)', () => {
    expect(toScoreOptions(parse(['--data', 'd.npz']))).toEqual({ density: false });
    expect(toScoreOptions(parse(['--data', 'd.npz', '--runtime', 'node'])).runtime).toBe('onnxruntime-node');
  });
});
