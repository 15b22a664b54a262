// Commander parser for positive integer flags of the batch, worker, submit and serve commands.
import { InvalidArgumentError } from 'commander';

export function parsePositiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`expected a positive integer, got "${v}"`);
  return n;
}
