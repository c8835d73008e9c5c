/** Dense rows as the learners' SparseRows, zeros left out. */
import type { SparseRows } from '../../src/train/logistic.js';

export function sparse(x: number[][]): SparseRows {
  const indptr = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const row of x) {
    row.forEach((v, j) => {
      if (v !== 0) {
        indices.push(j);
        values.push(v);
      }
    });
    indptr.push(indices.length);
  }
  return { indptr: Int32Array.from(indptr), indices: Int32Array.from(indices), values: Float32Array.from(values), columns: x[0]!.length };
}
