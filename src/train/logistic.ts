/**
 * Binary logistic regression on sparse features, L2-regularized, fit by L-BFGS over the whole data
 * set at once. Full-batch and in a fixed order, so the same data gives the same weights to the
 * last bit: no shuffling, no seed needed. test/train/logistic.test.ts checks it against known
 * solutions (a published maximum-likelihood fit, and Newton's method on small problems).
 *
 * Minimizes  Σ_i c_i · log(1 + exp(−s_i · (w·x_i + b)))  +  λ/2 · |w − μ|²   (s_i = ±1; the bias is not
 * penalized; μ, the prior mean of each weight, is 0 unless given).
 */

/** Rows of sparse features: row i is indices[indptr[i]..indptr[i+1]) with their values. */
export interface SparseRows {
  indptr: Int32Array;
  indices: Int32Array;
  values: Float32Array;
  /** Number of feature columns. */
  columns: number;
}

export interface LogisticData {
  rows: SparseRows;
  /** 1 or 0 per row. */
  labels: Uint8Array;
  /** Per-row weight c_i (default 1). */
  weights?: Float64Array;
}

export interface LogisticOptions {
  /** λ, the L2 penalty. */
  l2: number;
  maxIterations?: number;
  /** Stop when the gradient's norm falls below tolerance · max(1, |w|). */
  tolerance?: number;
  /** Start from these weights (bias last), e.g. the previous fit of a multiple-instance round. */
  start?: Float64Array;
  /** μ: the weights the penalty pulls towards (0 where absent). */
  prior?: Float64Array;
}

/** What any linear learner here gives: a weight per column, a bias, and how many passes it took. */
export interface LinearFit {
  weights: Float64Array;
  bias: number;
  iterations: number;
}

export interface LogisticFit extends LinearFit {
  loss: number;
  converged: boolean;
}

function log1pExp(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/** Loss and gradient at theta (weights then bias); writes the gradient into `grad`. */
function lossAndGradient(data: LogisticData, l2: number, theta: Float64Array, grad: Float64Array, prior?: Float64Array): number {
  const { indptr, indices, values, columns } = data.rows;
  const bias = theta[columns]!;
  grad.fill(0);
  let loss = 0;
  const n = data.labels.length;
  for (let i = 0; i < n; i += 1) {
    const c = data.weights ? data.weights[i]! : 1;
    if (c === 0) continue;
    let z = bias;
    for (let k = indptr[i]!; k < indptr[i + 1]!; k += 1) z += theta[indices[k]!]! * values[k]!;
    const sign = data.labels[i] ? 1 : -1;
    loss += c * log1pExp(-sign * z);
    // d/dz log(1 + exp(−s z)) = −s · σ(−s z)
    const m = -sign * c * (sign * z > 0 ? Math.exp(-sign * z) / (1 + Math.exp(-sign * z)) : 1 / (1 + Math.exp(sign * z)));
    for (let k = indptr[i]!; k < indptr[i + 1]!; k += 1) grad[indices[k]!]! += m * values[k]!;
    grad[columns]! += m;
  }
  for (let j = 0; j < columns; j += 1) {
    const d = prior ? theta[j]! - prior[j]! : theta[j]!;
    loss += 0.5 * l2 * d * d;
    grad[j]! += l2 * d;
  }
  return loss;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i += 1) s += a[i]! * b[i]!;
  return s;
}

function norm(a: Float64Array): number {
  return Math.sqrt(dot(a, a));
}

/** Fit by L-BFGS (10 correction pairs) with a backtracking line search on the Armijo condition. */
export function fitLogistic(data: LogisticData, options: LogisticOptions): LogisticFit {
  const { columns } = data.rows;
  const size = columns + 1;
  const maxIterations = options.maxIterations ?? 500;
  const tolerance = options.tolerance ?? 1e-6;
  const memory = 10;
  const theta = options.start ? Float64Array.from(options.start) : new Float64Array(size);
  const grad = new Float64Array(size);
  let loss = lossAndGradient(data, options.l2, theta, grad, options.prior);
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  const rho: number[] = [];
  const direction = new Float64Array(size);
  const next = new Float64Array(size);
  const nextGrad = new Float64Array(size);
  const alpha = new Float64Array(memory);
  let iterations = 0;
  let converged = false;
  for (; iterations < maxIterations; iterations += 1) {
    if (norm(grad) <= tolerance * Math.max(1, norm(theta))) {
      converged = true;
      break;
    }
    // Two-loop recursion: direction = −H·grad.
    for (let i = 0; i < size; i += 1) direction[i] = -grad[i]!;
    for (let k = s.length - 1; k >= 0; k -= 1) {
      alpha[k] = rho[k]! * dot(s[k]!, direction);
      for (let i = 0; i < size; i += 1) direction[i]! -= alpha[k]! * y[k]![i]!;
    }
    if (s.length > 0) {
      const last = s.length - 1;
      const gamma = dot(s[last]!, y[last]!) / dot(y[last]!, y[last]!);
      for (let i = 0; i < size; i += 1) direction[i]! *= gamma;
    } else {
      // First step: a unit-length steepest descent.
      const scale = 1 / Math.max(1, norm(direction));
      for (let i = 0; i < size; i += 1) direction[i]! *= scale;
    }
    for (let k = 0; k < s.length; k += 1) {
      const beta = rho[k]! * dot(y[k]!, direction);
      for (let i = 0; i < size; i += 1) direction[i]! += s[k]![i]! * (alpha[k]! - beta);
    }
    let slope = dot(grad, direction);
    if (slope >= 0) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      s.length = y.length = rho.length = 0;
      for (let i = 0; i < size; i += 1) direction[i] = -grad[i]!;
      slope = dot(grad, direction);
    }
    let step = 1;
    let nextLoss = Infinity;
    for (let tries = 0; tries < 40; tries += 1) {
      for (let i = 0; i < size; i += 1) next[i] = theta[i]! + step * direction[i]!;
      nextLoss = lossAndGradient(data, options.l2, next, nextGrad, options.prior);
      if (nextLoss <= loss + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(nextLoss < loss)) {
      // No step along the direction lowers the loss: at the optimum to the precision of doubles.
      converged = true;
      break;
    }
    const sk = new Float64Array(size);
    const yk = new Float64Array(size);
    for (let i = 0; i < size; i += 1) {
      sk[i] = next[i]! - theta[i]!;
      yk[i] = nextGrad[i]! - grad[i]!;
    }
    const sy = dot(sk, yk);
    if (sy > 1e-10) {
      if (s.length === memory) {
        s.shift();
        y.shift();
        rho.shift();
      }
      s.push(sk);
      y.push(yk);
      rho.push(1 / sy);
    }
    theta.set(next);
    grad.set(nextGrad);
    const improvement = loss - nextLoss;
    loss = nextLoss;
    // A step that hardly lowers the loss any more: as converged as the tolerance asks.
    if (improvement <= tolerance * tolerance * Math.max(1, Math.abs(loss))) {
      converged = true;
      iterations += 1;
      break;
    }
  }
  return { weights: theta.slice(0, columns), bias: theta[columns]!, iterations, loss, converged };
}

/** The linear score w·x + b of every row. */
export function scoreRows(rows: SparseRows, weights: Float64Array | Float32Array, bias: number): Float64Array {
  const out = new Float64Array(rows.indptr.length - 1);
  for (let i = 0; i < out.length; i += 1) {
    let z = bias;
    for (let k = rows.indptr[i]!; k < rows.indptr[i + 1]!; k += 1) z += weights[rows.indices[k]!]! * rows.values[k]!;
    out[i] = z;
  }
  return out;
}
