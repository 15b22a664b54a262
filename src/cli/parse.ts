// Option-value parsers for commander. Each throws commander's InvalidArgumentError, which commander reports as
// "error: option '--top <K>' argument 'x' is invalid. <our message>" and the CLI turns into exit status 2.
import { InvalidArgumentError } from 'commander';

function fail(message: string): never {
  throw new InvalidArgumentError(message);
}

// Number('') is 0 and Number(' 1') is 1: insist on a literal that looks like a number.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function parseFloatStrict(value: string): number {
  const v = value.trim();
  if (!DECIMAL.test(v)) fail(`expected a number, got "${value}".`);
  const x = Number(v);
  if (!Number.isFinite(x)) fail(`expected a finite number, got "${value}".`);
  return x;
}

export function parsePositiveFloat(value: string): number {
  const x = parseFloatStrict(value);
  if (!(x > 0)) fail(`expected a number > 0, got "${value}".`);
  return x;
}

export function parseUnitFloat(value: string): number {
  const x = parseFloatStrict(value);
  if (!(x >= 0 && x <= 1)) fail(`expected a number in [0, 1], got "${value}".`);
  return x;
}

export function parseNonNegativeFloat(value: string): number {
  const x = parseFloatStrict(value);
  if (x < 0) fail(`expected a number >= 0, got "${value}".`);
  return x;
}

export function parseInteger(value: string, min: number): number {
  const v = value.trim();
  if (!/^[+-]?\d+$/.test(v)) fail(`expected an integer, got "${value}".`);
  const x = Number(v);
  if (!Number.isSafeInteger(x)) fail(`integer out of range: "${value}".`);
  if (x < min) fail(`expected an integer >= ${min}, got "${value}".`);
  return x;
}

export const parsePositiveInt = (value: string): number => parseInteger(value, 1);
export const parseNonNegativeInt = (value: string): number => parseInteger(value, 0);
export const parseAnyInteger = (value: string): number => parseInteger(value, Number.MIN_SAFE_INTEGER);

const BYTE_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1e3,
  kb: 1e3,
  m: 1e6,
  mb: 1e6,
  g: 1e9,
  gb: 1e9,
  t: 1e12,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

/** "2GiB", "512MiB", "1.5GB", "1e9", "4096" -> bytes (binary units are powers of 1024, SI units of 1000). */
export function parseByteSize(value: string): number {
  const m = /^\s*(\d+\.?\d*|\.\d+)(?:[eE]([+-]?\d+))?\s*([a-zA-Z]*)\s*$/.exec(value);
  if (!m) fail(`expected a byte size such as 4096, 512MiB or 2GiB, got "${value}".`);
  const unit = m[3].toLowerCase();
  const scale = BYTE_UNITS[unit];
  if (scale === undefined) {
    fail(`unknown size unit "${m[3]}" in "${value}" (use B, KiB, MiB, GiB, TiB or kB, MB, GB, TB).`);
  }
  const bytes = Math.floor(Number(m[1] + (m[2] !== undefined ? `e${m[2]}` : '')) * scale);
  if (!Number.isSafeInteger(bytes) || bytes <= 0) fail(`expected a positive byte size, got "${value}".`);
  return bytes;
}

/** Repeated `--input NAME=KEY`: accumulates into a map model input name -> data key. */
export function collectInputMapping(value: string, previous: Record<string, string> | undefined): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0 || eq === value.length - 1) fail(`expected NAME=KEY (model input = data array), got "${value}".`);
  const name = value.slice(0, eq);
  const key = value.slice(eq + 1);
  const map = { ...(previous ?? {}) };
  if (name in map && map[name] !== key) fail(`input "${name}" is mapped twice ("${map[name]}" and "${key}").`);
  map[name] = key;
  return map;
}

/** A choice parser with a message listing the accepted values. */
export function parseChoice<T extends string>(choices: readonly T[], what: string) {
  return (value: string): T => {
    if ((choices as readonly string[]).includes(value)) return value as T;
    fail(`${what} must be one of ${choices.join(', ')}; got "${value}".`);
  };
}

export type LossArg = 'cross-entropy' | 'mse' | 'bce' | `output:${string}`;

export function parseLoss(value: string): LossArg {
  if (value === 'cross-entropy' || value === 'mse' || value === 'bce') return value;
  if (value.startsWith('output:') && value.length > 'output:'.length) return value as LossArg;
  fail(`loss must be cross-entropy, mse, bce or output:NAME (a scalar loss output of the model); got "${value}".`);
}

export function parseRegex(value: string): string {
  try {
    new RegExp(value);
  } catch (e) {
    fail(`not a valid regular expression: ${(e as Error).message}`);
  }
  return value;
}
