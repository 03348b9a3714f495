/** A row-major float64 [rows, cols] matrix: elementwise ops with row/column broadcasting, reductions, matmul. */
import { formatRows } from "./format";
import { gemm } from "./gemm";
import { BinaryOp, broadcastBinary, mapValues, toRows } from "./elementwise";
import { argmaxAxis, Axis, maxAxis, sumAll, sumAxis } from "./reduce";
import { expectFinite, expectLength, expectMatrix, flattenRows, formatIndex, formatShape, matmulShape, Shape, ShapeError } from "./shape";

/** Something with row-major data and a 2-D shape: a Matrix, a Tensor, or a plain object. */
export interface MatrixLike {
  readonly data: Float64Array;
  readonly shape: Shape;
}

export class Matrix implements MatrixLike {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array; // row-major: element [i, j] is data[i * cols + j]

  /** Wraps `data` (no copy) or allocates zeros. */
  constructor(rows: number, cols: number, data?: Float64Array | readonly number[]) {
    expectMatrix("Matrix", "shape", [rows, cols]);
    this.rows = rows;
    this.cols = cols;
    if (data === undefined) this.data = new Float64Array(rows * cols);
    else {
      expectLength("Matrix", "data", data, [rows, cols]);
      this.data = data instanceof Float64Array ? data : Float64Array.from(data);
    }
  }

  /** [[1, 2], [3, 4]] → Matrix [2, 2]; a flat list becomes one row. */
  static from(values: readonly (readonly number[])[] | readonly number[]): Matrix {
    const { values: flat, shape } = flattenRows("Matrix.from", values);
    return new Matrix(shape[0], shape[1], flat);
  }

  static zeros(rows: number, cols: number): Matrix {
    return new Matrix(rows, cols);
  }

  static full(rows: number, cols: number, value: number): Matrix {
    return new Matrix(rows, cols, new Float64Array(rows * cols).fill(value));
  }

  static ones(rows: number, cols: number): Matrix {
    return Matrix.full(rows, cols, 1);
  }

  /** Wraps anything with data and a 2-D shape (a Tensor, for example), sharing its data. */
  static of(x: MatrixLike): Matrix {
    if (x instanceof Matrix) return x;
    const [r, c] = expectMatrix("Matrix.of", "x", x.shape);
    return new Matrix(r, c, x.data);
  }

  get shape(): [number, number] {
    return [this.rows, this.cols];
  }

  get size(): number {
    return this.data.length;
  }

  get(i: number, j: number): number {
    this.checkIndex("get", i, j);
    return this.data[i * this.cols + j];
  }

  set(i: number, j: number, value: number): this {
    this.checkIndex("set", i, j);
    this.data[i * this.cols + j] = value;
    return this;
  }

  /** Row i as a plain array. */
  row(i: number): number[] {
    this.checkIndex("row", i, 0);
    return Array.from(this.data.subarray(i * this.cols, (i + 1) * this.cols));
  }

  toArray(): number[][] {
    return toRows(this.data, this.rows, this.cols);
  }

  clone(): Matrix {
    return new Matrix(this.rows, this.cols, this.data.slice());
  }

  add(other: Matrix | number): Matrix {
    return this.binary("add", other);
  }
  sub(other: Matrix | number): Matrix {
    return this.binary("sub", other);
  }
  mul(other: Matrix | number): Matrix {
    return this.binary("mul", other);
  }
  /** Elementwise division; a zero divisor throws rather than returning ±Infinity or NaN. */
  div(other: Matrix | number): Matrix {
    const b = asMatrix(other);
    const zero = b.data.indexOf(0);
    if (zero >= 0) {
      throw new RangeError(`div: divisor must be non-zero, got 0 at ${formatIndex(zero, b.shape)} of b ${formatShape(b.shape)}`);
    }
    return this.binary("div", b);
  }

  neg(): Matrix {
    return this.map((v) => -v);
  }

  /** f applied to every value. */
  map(f: (v: number) => number): Matrix {
    return new Matrix(this.rows, this.cols, mapValues(this.data, f));
  }

  /** Σ of all values, or along an axis: 0 → [1, cols], 1 → [rows, 1]. */
  sum(): number;
  sum(axis: Axis): Matrix;
  sum(axis?: Axis): number | Matrix {
    if (axis === undefined) return sumAll(this.data);
    checkAxis("sum", axis);
    const s = sumAxis(this.data, this.rows, this.cols, axis);
    return axis === 0 ? new Matrix(1, this.cols, s) : new Matrix(this.rows, 1, s);
  }

  /** Mean of all values, or along an axis. An empty matrix has no mean and throws. */
  mean(): number;
  mean(axis: Axis): Matrix;
  mean(axis?: Axis): number | Matrix {
    const n = axis === undefined ? this.size : axis === 0 ? this.rows : this.cols;
    if (n === 0) throw new ShapeError(`mean: needs at least one value, got ${formatShape(this.shape)}`);
    if (axis === undefined) return sumAll(this.data) / n;
    return this.sum(axis).mul(1 / n);
  }

  /** Largest value, or along an axis. */
  max(): number;
  max(axis: Axis): Matrix;
  max(axis?: Axis): number | Matrix {
    if (this.size === 0) throw new ShapeError(`max: needs at least one value, got ${formatShape(this.shape)}`);
    if (axis === undefined) return this.data.reduce((m, v) => (v > m ? v : m), -Infinity);
    checkAxis("max", axis);
    const m = maxAxis(this.data, this.rows, this.cols, axis);
    return axis === 0 ? new Matrix(1, this.cols, m) : new Matrix(this.rows, 1, m);
  }

  /** Index of the largest value in each row (axis 1, the default: predicted classes) or column (axis 0). */
  argmax(axis: Axis = 1): number[] {
    checkAxis("argmax", axis);
    return argmaxAxis(this.data, this.rows, this.cols, axis);
  }

  /** A new matrix [cols, rows]. matmul never needs this: it reads operands transposed in place. */
  transpose(): Matrix {
    const out = new Matrix(this.cols, this.rows);
    for (let i = 0; i < this.rows; i++) for (let j = 0; j < this.cols; j++) out.data[j * this.rows + i] = this.data[i * this.cols + j];
    return out;
  }

  get T(): Matrix {
    return this.transpose();
  }

  /** this [n, k] @ other [k, m] → [n, m] */
  matmul(other: Matrix): Matrix {
    return matmul(this, other);
  }

  /** Throws naming `op` and the first non-finite position. */
  expectFinite(op: string, arg: string): this {
    expectFinite(op, arg, this.data, this.shape);
    return this;
  }

  /** Node's util.inspect (and so a notebook's output) prints the same text as toString(). */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }

  toString(): string {
    return `Matrix ${formatShape(this.shape)}\n${formatRows(this.data, this.rows, this.cols)}`;
  }

  private binary(op: BinaryOp, other: Matrix | number): Matrix {
    const b = asMatrix(other);
    const { out, shape } = broadcastBinary(op, this.data, this.shape, b.data, b.shape);
    return new Matrix(shape[0], shape[1], out);
  }

  private checkIndex(op: string, i: number, j: number): void {
    if (!Number.isInteger(i) || !Number.isInteger(j) || i < 0 || j < 0 || i >= this.rows || j >= this.cols) {
      throw new RangeError(`${op}: index must lie inside ${formatShape(this.shape)}, got [${i}, ${j}]`);
    }
  }
}

export interface MatmulOptions {
  /** read a as aᵀ (a is stored [k, n]) */
  transA?: boolean;
  /** read b as bᵀ (b is stored [m, k]) */
  transB?: boolean;
  /** add into this matrix instead of allocating */
  into?: Matrix;
  /** with `into`: C += op(a) @ op(b) instead of C = … */
  accumulate?: boolean;
}

/**
 * op(a) [n, k] @ op(b) [k, m] → [n, m], where op transposes when asked.
 * Transposed operands are read in place by gemm, never copied.
 */
export function matmul(a: MatrixLike, b: MatrixLike, options: MatmulOptions = {}): Matrix {
  const { transA = false, transB = false } = options;
  const [n, k, m] = matmulShape("matmul", a.shape, b.shape, transA, transB);
  const out = options.into ?? new Matrix(n, m);
  if (out.rows !== n || out.cols !== m) {
    throw new ShapeError(`matmul: into must have the result's shape ${formatShape([n, m])}, got into ${formatShape(out.shape)}`);
  }
  gemm(transA, transB, n, m, k, a.data, b.data, out.data, options.accumulate ?? false);
  return out;
}

function asMatrix(x: Matrix | number): Matrix {
  return typeof x === "number" ? new Matrix(1, 1, [x]) : x;
}

function checkAxis(op: string, axis: number): void {
  if (axis !== 0 && axis !== 1) throw new RangeError(`${op}: axis must be 0 or 1, got ${axis}`);
}
