// nn.Embedding's padding row. With padding_idx = k, PyTorch zeroes row k of the table when it builds the module and
// its embedding backward masks every lookup of k, so the row's gradient is always zero and the row never trains: the
// Hessian PyTorch differentiates has zero rows and columns there (its spectrum is the rest's plus zeros). The export
// keeps only Gather(table, ids): padding_idx is gone, and a lookup of k would give the row gradient and curvature
// wherever the data holds padding. The zero row is what survives of it (training never moves it), so a table read by
// Gather with exactly one all-zero row is taken as one with that padding_idx, and its lookups go through the table
// times a 0/1 row mask: the same values at θ, and the gradient, the products and the spectrum PyTorch's.
import { AttrType, DataType, isDefaultDomain, type ModelProto, type NodeProto, type TensorProto } from './proto-types.js';
import { tensorSize } from './tensor-codec.js';

/** A table whose padding row the lookups no longer train. */
export interface PaddingRow {
  table: string;
  row: number;
  /** Entries of the row (parameters that stay in the count with zero gradient and curvature). */
  size: number;
  lookups: string[];
}

/**
 * Masks the padding row of every float initializer of rank >= 2 read by Gather (axis 0) with exactly one all-zero
 * row of at least two entries. Only the Gathers see the mask: a table also read elsewhere (tied weights) keeps those
 * uses, as in PyTorch, where only the embedding lookup's gradient is masked. Returns what it masked.
 */
export function maskPaddingRows(model: ModelProto): PaddingRow[] {
  const g = model.graph;
  const tables = new Map<string, TensorProto>(g.initializer.filter(maybeTable).map((t) => [t.name ?? '', t]));
  const lookups = new Map<string, NodeProto[]>();
  for (const n of g.node) {
    if (n.opType !== 'Gather' || !isDefaultDomain(n) || !tables.has(n.input[0])) continue;
    const axis = n.attribute.find((a) => a.name === 'axis');
    if (axis && Number(axis.i ?? 0) !== 0) continue;
    lookups.set(n.input[0], [...(lookups.get(n.input[0]) ?? []), n]);
  }
  const masked: PaddingRow[] = [];
  for (const [name, readers] of lookups) {
    const t = tables.get(name)!;
    const row = soleZeroRow(t);
    if (row < 0) continue;
    const rows = Number(t.dims[0]);
    const size = tensorSize(t) / rows;
    const mask = `${name}::padding_row_mask`;
    const keep = new Uint8Array(rows).fill(1);
    keep[row] = 0;
    g.initializer.push({ name: `${mask}_bool`, dims: [rows, ...t.dims.slice(1).map(() => 1)], dataType: DataType.BOOL, rawData: keep });
    const masking: NodeProto[] = [
      { opType: 'Cast', name: `${mask}_cast`, input: [`${mask}_bool`], output: [mask], domain: '', attribute: [{ name: 'to', type: AttrType.INT, i: t.dataType }] },
      { opType: 'Mul', name: `${name}::padding_row_masked_mul`, input: [name, mask], output: [`${name}::padding_row_masked`], domain: '', attribute: [] },
    ];
    for (const n of readers) n.input[0] = `${name}::padding_row_masked`;
    g.node.unshift(...masking);
    masked.push({ table: name, row, size, lookups: readers.map((n) => n.name || n.output[0]) });
  }
  return masked;
}

const maybeTable = (t: TensorProto) => (t.dataType === DataType.FLOAT || t.dataType === DataType.DOUBLE) && t.dims.length >= 2;

/** The rows the tables would have masked, one entry per initializer: what a cached build's key must hold, since the
 *  rewrite depends on values that the key otherwise leaves out (src/api/scoring-cache.ts). */
export function zeroRowSignature(model: ModelProto): number[] {
  return model.graph.initializer.map((t) => (maybeTable(t) ? soleZeroRow(t) : -1));
}

/** The index of the only row of at least two entries whose entries are all zero (either sign), or -1 (none, or
 *  several: a table that starts at zero). Reads the stored bytes row by row, stopping at a row's first non-zero
 *  entry: a vocabulary-sized table is neither copied nor converted. */
function soleZeroRow(t: TensorProto): number {
  const rows = Number(t.dims[0]);
  const size = rows > 0 ? tensorSize(t) / rows : 0;
  if (rows < 2 || size < 2) return -1;
  const bytes = t.dataType === DataType.DOUBLE ? 8 : 4;
  const raw = t.rawData && t.rawData.byteLength > 0 ? new DataView(t.rawData.buffer, t.rawData.byteOffset, t.rawData.byteLength) : null;
  const listed = t.dataType === DataType.DOUBLE ? t.doubleData : t.floatData;
  if (raw ? raw.byteLength < rows * size * bytes : (listed?.length ?? 0) < rows * size) return -1;
  const at = raw ? (i: number) => (bytes === 8 ? raw.getFloat64(8 * i, true) : raw.getFloat32(4 * i, true)) : (i: number) => Number(listed![i]);
  let found = -1;
  for (let r = 0; r < rows; r++) {
    let zero = true;
    for (let i = r * size, end = i + size; i < end && zero; i++) zero = at(i) === 0;
    if (!zero) continue;
    if (found >= 0) return -1;
    found = r;
  }
  return found;
}

/** The warning a masked row gives: what was assumed, and how to opt out. */
export function paddingRowWarning(p: PaddingRow): string {
  return (
    `parameter ${p.table}: row ${p.row} is all zeros and is read by Gather (${p.lookups.slice(0, 3).join(', ')}${p.lookups.length > 3 ? ', ...' : ''}), ` +
    `so it is taken as nn.Embedding's padding_idx = ${p.row}, which PyTorch never trains: its ${p.size} entries get no gradient or curvature ` +
    `from the lookups (they stay in the parameter count). If that row is an ordinary parameter, pass --padding-rows trained (paddingRows: 'trained').`
  );
}
