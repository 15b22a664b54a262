// Prints, one per line and sorted, the Fortran source files (relative to the LAPACK source root) that the given
// routines need: the routines themselves and, transitively, every LAPACK/BLAS routine their code mentions
// (CALL statements, EXTERNAL declarations and function references all name the routine, so every identifier of a
// code line that is also the name of a routine file counts). Over-approximating is harmless: the linker drops what
// is never called, and `-sERROR_ON_UNDEFINED_SYMBOLS=1` proves nothing is missing.
//
// usage: node closure.mjs <lapack-src-root> <replaced-names-comma-separated> ROUTINE...
// Routines in the replaced list are not followed (they are hand-written C in replacements/) but are reported on
// stderr so the build can check every replacement is really needed.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [root, replacedArg, ...roots] = process.argv.slice(2);
const replaced = new Set(replacedArg.split(',').filter(Boolean).map((s) => s.toLowerCase()));
// Where LAPACK 3.11 keeps the routines we may need; INSTALL/ holds lsame, dlamch, droundup_lwork.
const dirs = ['SRC', 'BLAS/SRC', 'INSTALL'];
const fileOf = new Map();
for (const dir of dirs) {
  for (const f of readdirSync(join(root, dir)).sort()) {
    const m = /^([a-z0-9_]+)\.(f|f90|F90)$/.exec(f);
    if (!m || fileOf.has(m[1])) continue;
    // INSTALL/ has test drivers and variants (dlamchf77, second_*) that must not shadow the real routines.
    if (dir === 'INSTALL' && !['lsame', 'dlamch', 'droundup_lwork', 'ilaver'].includes(m[1])) continue;
    fileOf.set(m[1], join(dir, f));
  }
}

function codeIdentifiers(text, free) {
  const ids = new Set();
  for (const line of text.split('\n')) {
    // Fixed form: '*', 'c', 'C' or '!' in column 1 is a comment; free form: '!' starts one.
    if (!free && /^[*cC!]/.test(line)) continue;
    const code = line.replace(/!.*$/, '').replace(/'[^']*'/g, ' ');
    for (const m of code.matchAll(/[A-Za-z][A-Za-z0-9_]*/g)) ids.add(m[0].toLowerCase());
  }
  return ids;
}

const needed = new Set();
const replacedHit = new Set();
const queue = roots.map((r) => r.toLowerCase());
while (queue.length) {
  const name = queue.pop();
  if (needed.has(name) || replacedHit.has(name)) continue;
  if (replaced.has(name)) { replacedHit.add(name); continue; }
  const file = fileOf.get(name);
  if (!file) throw new Error(`closure: no source file for routine ${name}`);
  if (!file.endsWith('.f')) throw new Error(`closure: ${file} is Fortran 90, which f2c cannot read; add a C replacement`);
  needed.add(name);
  for (const id of codeIdentifiers(readFileSync(join(root, file), 'latin1'), false)) {
    if (id !== name && fileOf.has(id)) queue.push(id);
  }
}
for (const name of [...needed].sort()) console.log(fileOf.get(name));
console.error(`replacements used: ${[...replacedHit].sort().join(' ')}`);
const unused = [...replaced].filter((r) => !replacedHit.has(r));
if (unused.length) console.error(`replacements not needed: ${unused.join(' ')}`);
