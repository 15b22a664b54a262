// `sane batch` and `sane serve` as processes started from outside the repository on models kept elsewhere, and their
// graceful shutdown on SIGTERM: running jobs finish (and are recorded), nothing new starts.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { score } from '../src/api/score.js';
import type { BatchOk } from '../src/batch/job.js';
import { runSane, saneBin } from './helpers/cli.js';
import { repoRoot } from './helpers/paths.js';

const dir = mkdtempSync(path.join(tmpdir(), 'sane-scale-out-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const names = ['a_lr0.02', 'a_lr0.05', 'a_lr0.1', 'a_lr0.2', 'b_lr0.02', 'b_lr0.05', 'b_lr0.1', 'b_lr0.2'];
for (const n of names) copyFileSync(path.join(repoRoot, 'bench', 'sweep', `${n}.onnx`), path.join(dir, `${n}.onnx`));
copyFileSync(path.join(repoRoot, 'examples', 'spirals.npz'), path.join(dir, 'spirals.npz'));
const opts = { estimator: 'exact', seed: 5 };

function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of ['VITEST', 'VITEST_WORKER_ID', 'VITEST_POOL_ID', 'NODE_OPTIONS']) delete env[k];
  return env;
}

describe('sane batch: SIGTERM', () => {
  it('finishes and writes the running job, starts nothing new, exits 143; --resume does the rest', async () => {
    const jobs = path.join(dir, 'jobs.jsonl');
    const list = Array.from({ length: 16 }, (_, i) => ({ id: `s${i}`, model: `${names[i % names.length]}.onnx`, data: 'spirals.npz', options: opts }));
    writeFileSync(jobs, list.map((j) => JSON.stringify(j)).join('\n') + '\n');
    const out = path.join(dir, 'out.jsonl');
    const p = spawn(process.execPath, [saneBin, 'batch', jobs, '--workers', '1', '--threads', '1', '--out', out], { cwd: tmpdir(), env: cleanEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    let sent = false;
    p.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      if (!sent && /batch: 2\/16 done/.test(err)) {
        sent = true;
        p.kill('SIGTERM');
      }
    });
    const code = await new Promise<number | null>((r) => p.on('exit', r));
    expect(code, err).toBe(143);
    expect(err).toContain('stopping, running jobs finish first');
    const first = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as BatchOk);
    expect(first.length).toBeGreaterThanOrEqual(2);
    expect(first.length).toBeLessThan(16);
    expect(first.every((r) => r.status === 'ok')).toBe(true);

    const rest = await runSane(['batch', jobs, '--workers', '2', '--threads', '1', '--out', out, '--resume'], { cwd: tmpdir() });
    expect(rest.code, rest.stderr).toBe(0);
    const all = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as BatchOk);
    expect(all.map((r) => r.id).sort()).toEqual(list.map((j) => j.id).sort());
    const direct = await score(path.join(dir, 'b_lr0.1.onnx'), path.join(dir, 'spirals.npz'), { estimator: 'exact', seed: 5 });
    expect(all.find((r) => r.id === 's6')!.sane).toBe(direct.sane);
  });
});

describe('sane serve as a process', () => {
  it('serves on loopback from outside the repo and, on SIGTERM, lets the running job finish before exiting 0', async () => {
    const p = spawn(process.execPath, [saneBin, 'serve', '--port', '0', '--token', 'secret-token-1', '--root', dir, '--max-upload', '1000000', '--workers', '1', '--threads', '1'], { cwd: tmpdir(), env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    p.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      p.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /\{"url":"([^"]+)"\}/.exec(out);
        if (m) resolve(m[1]);
      });
      p.on('exit', () => reject(new Error(`sane serve exited:\n${err}`)));
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const auth = { authorization: 'Bearer secret-token-1', 'content-type': 'application/json' };
    const r = await fetch(`${url}/v1/jobs`, { method: 'POST', headers: auth, body: JSON.stringify({ model: 'a_lr0.2.onnx', data: 'spirals.npz', options: opts }) });
    expect(r.status).toBe(202);
    const { id } = (await r.json()) as { id: string };
    const sse = await fetch(`${url}/v1/jobs/${id}/events`, { headers: auth });
    p.kill('SIGTERM');
    const text = await sse.text();
    const done = JSON.parse(/event: done\ndata: (.*)\n/.exec(text)![1]) as { state: string; result: BatchOk };
    expect(done.state).toBe('completed');
    const direct = await score(path.join(dir, 'a_lr0.2.onnx'), path.join(dir, 'spirals.npz'), { estimator: 'exact', seed: 5 });
    expect(done.result.sane).toBe(direct.sane);
    expect(await new Promise((res) => p.on('exit', res))).toBe(0);
    expect(err).toContain('shutting down');
  });
});
