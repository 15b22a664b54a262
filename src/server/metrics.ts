// GET /metrics in the Prometheus text exposition format: jobs by state, products in total and per second.
import { JOB_STATES, type JobStore } from './job-store.js';

export function prometheusText(store: JobStore): string {
  const c = store.counts();
  const lines = ['# HELP sane_jobs Jobs known to this service, by state.', '# TYPE sane_jobs gauge'];
  for (const s of JOB_STATES) lines.push(`sane_jobs{state="${s}"} ${c[s]}`);
  lines.push('# HELP sane_products_total Hessian-vector products of completed jobs.', '# TYPE sane_products_total counter');
  lines.push(`sane_products_total ${store.productsTotal}`);
  lines.push('# HELP sane_products_per_second Hessian-vector products per second over the last minute (completed jobs).', '# TYPE sane_products_per_second gauge');
  lines.push(`sane_products_per_second ${store.productsPerSecond()}`);
  return lines.join('\n') + '\n';
}
