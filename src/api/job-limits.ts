// Per-job caps for untrusted or shared use: at most `maxParams` parameters, `maxProducts` Hessian-vector products
// and `maxSeconds` of wall time, and cancellation through an AbortSignal. Each stops the job with its own reason
// (LIMIT, CANCELLED) rather than an out-of-memory kill or a timeout somewhere above. Products are the unit of work,
// so the product and time caps are checked after each product (a product is short: milliseconds to seconds).
import { SaneError, opt } from '../errors.js';

export interface JobLimits {
  maxParams?: number;
  maxProducts?: number;
  maxSeconds?: number;
  signal?: AbortSignal;
}

export function checkParamCap(numParams: number, limits: JobLimits): void {
  if (limits.maxParams !== undefined && numParams > limits.maxParams) {
    throw new SaneError('LIMIT', `the model has ${numParams} parameters, above the cap of ${limits.maxParams} for this job`, {
      hint: `narrow the parameters with ${opt('params')} or raise ${opt('maxParams')}`,
    });
  }
}

export function checkCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new SaneError('CANCELLED', 'the job was cancelled');
}

/** A function to call after each product: throws once a cap is reached or the signal is aborted. */
export function productGuard(limits: JobLimits, startMs: number): () => void {
  let products = 0;
  return () => {
    products++;
    checkCancelled(limits.signal);
    if (limits.maxProducts !== undefined && products > limits.maxProducts) {
      throw new SaneError('LIMIT', `the job needs more than ${limits.maxProducts} Hessian-vector products, its cap`, {
        hint: `lower ${opt('steps')} or ${opt('probes')}, or raise ${opt('maxProducts')}`,
      });
    }
    const seconds = (performance.now() - startMs) / 1000;
    if (limits.maxSeconds !== undefined && seconds > limits.maxSeconds) {
      throw new SaneError('LIMIT', `the job ran past its wall-time cap of ${limits.maxSeconds} s (after ${products} products)`, {
        hint: `use fewer samples (${opt('samples')}) or raise ${opt('maxSeconds')}`,
      });
    }
  };
}
