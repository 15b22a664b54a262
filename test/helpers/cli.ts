// Runs the `sane` command as users do: `node bin/sane.js ...` in a child process, capturing both streams.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './paths.js';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export const saneBin = path.join(repoRoot, 'bin', 'sane.js');

/** `root`: run the launcher of another copy of the package (its bin/sane.js), with that copy as the working dir. */
export function runSane(
  args: string[],
  options: { env?: Record<string, string | undefined>; cwd?: string; root?: string } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string | undefined> = { ...process.env, ...options.env };
    // Vitest sets these in its workers; the CLI should behave as in a user's shell.
    delete env.VITEST;
    delete env.VITEST_WORKER_ID;
    delete env.VITEST_POOL_ID;
    delete env.NODE_OPTIONS;
    for (const [k, v] of Object.entries(options.env ?? {})) if (v === undefined) delete env[k];
    const bin = options.root ? path.join(options.root, 'bin', 'sane.js') : saneBin;
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: options.cwd ?? options.root ?? repoRoot,
      env: env as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
