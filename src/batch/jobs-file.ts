// Reading a JOBS.jsonl file (one job object per line; blank lines and lines starting with '#' skipped) and the ids
// already present in a results file (for --resume). Relative paths in jobs resolve against the jobs file's folder.
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { SaneError, errorMessage } from '../errors.js';
import { resolveJobPaths, validateJob, type BatchJob } from './job.js';

export async function* readJobsFile(file: string): AsyncGenerator<BatchJob> {
  if (!existsSync(file)) throw new SaneError('FILE_NOT_FOUND', `jobs file not found: ${file}`);
  const base = path.dirname(path.resolve(file));
  const lines = readline.createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let no = 0;
  for await (const line of lines) {
    no++;
    const text = line.trim();
    if (!text || text.startsWith('#')) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      throw new SaneError('BAD_OPTION', `${file}:${no}: not valid JSON (${errorMessage(e)})`);
    }
    yield resolveJobPaths(validateJob(raw, `${file}:${no}`), base);
  }
}

/** Ids of the result lines already written (a truncated last line, from a crash mid-write, is ignored). */
export async function doneIds(file: string): Promise<Set<string>> {
  const ids = new Set<string>();
  if (!existsSync(file)) return ids;
  const lines = readline.createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) {
    try {
      const r = JSON.parse(line) as { id?: unknown };
      if (typeof r.id === 'string') ids.add(r.id);
    } catch {
      /* partial line */
    }
  }
  return ids;
}
