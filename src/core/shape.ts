/** Shapes, the errors that name them, and the checks every op shares. Imports nothing from the rest of src. */

/** A shape as a list of sizes; the math here is 2-D: [rows, cols]. */
export type Shape = readonly number[];

/** The shape of a 2-D value: [rows, cols]. */
export type Shape2D = readonly [number, number];

/** Thrown when shapes do not fit; the message names the op, the argument, what must hold and what came. */
export class ShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ShapeError";
  }
}

/** [2, 3] → "[2, 3]" (a template literal would print "2,3"). */
export function formatShape(shape: Shape): string {
  return `[${shape.join(", ")}]`;
}

/** Checks that `shape` is 2-D with non-negative integer sizes and returns it as [rows, cols]. */
export function expectMatrix(op: string, arg: string, shape: Shape): [number, number] {
  if (shape.length !== 2 || !shape.every((s) => Number.isInteger(s) && s >= 0)) {
    throw new ShapeError(`${op}: ${arg} must be 2-D with whole sizes, got ${arg} ${formatShape(shape)}`);
  }
  return [shape[0], shape[1]];
}

/** [[1, 2], [3, 4]] → values [1, 2, 3, 4] and shape [2, 2]; a flat list becomes one row [1, n]. Ragged rows throw. */
export function flattenRows(op: string, values: readonly (readonly number[])[] | readonly number[]): { values: readonly number[]; shape: [number, number] } {
  if (values.length > 0 && Array.isArray(values[0])) {
    const rows = values as readonly (readonly number[])[];
    const cols = rows[0].length;
    rows.forEach((r, i) => {
      if (r.length !== cols) throw new ShapeError(`${op}: every row must have ${cols} values like row 0, got ${r.length} in row ${i}`);
    });
    return { values: rows.flat(), shape: [rows.length, cols] };
  }
  const flat = values as readonly number[];
  return { values: flat, shape: [1, flat.length] };
}

/** Checks that `data` holds exactly rows·cols values. */
export function expectLength(op: string, arg: string, data: ArrayLike<number>, shape: Shape): void {
  const size = shape.reduce((p, s) => p * s, 1);
  if (data.length !== size) {
    throw new ShapeError(`${op}: ${arg} of shape ${formatShape(shape)} needs ${size} values, got ${data.length}`);
  }
}

/** True when two shapes are the same. */
export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

/**
 * The NumPy broadcast of two 2-D shapes: each axis must match or be 1.
 * [n, m] with [1, m] (a row), [n, 1] (a column) or [1, 1] (a scalar) → [n, m].
 */
export function broadcastShapes(op: string, a: Shape, b: Shape): [number, number] {
  const [ar, ac] = expectMatrix(op, "a", a);
  const [br, bc] = expectMatrix(op, "b", b);
  const fits = (x: number, y: number) => x === y || x === 1 || y === 1;
  if (!fits(ar, br) || !fits(ac, bc)) {
    throw new ShapeError(
      `${op}: shapes must match or be 1 on each axis to broadcast, got a ${formatShape(a)} and b ${formatShape(b)}`,
    );
  }
  return [ar === 1 ? br : ar, ac === 1 ? bc : ac];
}

/** Throws naming the op, the argument and the first position whose value is NaN or ±Infinity. */
export function expectFinite(op: string, arg: string, data: ArrayLike<number>, shape: Shape): void {
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v - v !== 0) {
      throw new RangeError(`${op}: ${arg} must be finite, got ${v} at ${formatIndex(i, shape)}`);
    }
  }
}

/** Flat index → "[row, col]" for messages. */
export function formatIndex(i: number, shape: Shape): string {
  if (shape.length !== 2) return `[${i}]`;
  const cols = shape[1] || 1;
  return `[${Math.floor(i / cols)}, ${i % cols}]`;
}

/**
 * The sizes of op(a) [n, k] @ op(b) [k, m], where op transposes when asked; throws when k differs.
 * Shared by Matrix and Tensor matmul so both name the transposed operand (aᵀ) the same way.
 */
export function matmulShape(op: string, a: Shape, b: Shape, transA: boolean, transB: boolean): [number, number, number] {
  const [ar, ac] = expectMatrix(op, "a", a);
  const [br, bc] = expectMatrix(op, "b", b);
  const [n, k] = transA ? [ac, ar] : [ar, ac];
  const [kb, m] = transB ? [bc, br] : [br, bc];
  if (k !== kb) {
    throw new ShapeError(
      `${op}: inner dimensions must match, got ${transA ? "aᵀ" : "a"} ${formatShape([n, k])} and ${transB ? "bᵀ" : "b"} ${formatShape([kb, m])}`,
    );
  }
  return [n, k, m];
}
