/** The Tensor class: 2-D float64 data that records the ops made from it, and the engine that runs them backward. Import it through tensor.ts, which adds the method forms of the ops. */
import { toRows } from "../core/elementwise";
import { formatRows } from "../core/format";
import { expectLength, expectMatrix, flattenRows, formatShape, Shape, ShapeError } from "../core/shape";

/**
 * An op's backward step (its vector-Jacobian product): given dOut, one gradient per input, each the
 * input's size — a fresh array, or dOut itself. `needs[i]` is false when input i wants no gradient;
 * the op may then return null for it and skip the work.
 */
export type Vjp = (dOut: Float64Array, needs: readonly boolean[]) => (Float64Array | null)[];

export interface TensorOptions {
  /** track gradients for this leaf (parameters: true; inputs and targets: false) */
  requiresGrad?: boolean;
  /** a name for drawings and messages */
  label?: string;
}

let recording = true;

/** Runs f without recording a graph: ops inside return tensors with no inputs and no gradient (evaluation). */
export function noGrad<T>(f: () => T): T {
  const before = recording;
  recording = false;
  try {
    return f();
  } finally {
    recording = before;
  }
}

/** False inside noGrad. */
export function isGradEnabled(): boolean {
  return recording;
}

export class Tensor {
  readonly data: Float64Array; // row-major [rows, cols]; optimizers update it in place
  readonly shape: readonly [number, number];
  /** dLoss/dThis after backward(), same length as data; null until a gradient arrives */
  grad: Float64Array | null = null;
  requiresGrad: boolean;
  label?: string;
  /** the op that made this tensor ("" for a leaf) and its inputs */
  readonly op: string;
  readonly inputs: readonly Tensor[];
  private readonly vjp?: Vjp;

  constructor(data: Float64Array | readonly number[], shape: Shape, options: TensorOptions = {}) {
    const [rows, cols] = expectMatrix("Tensor", "shape", shape);
    expectLength("Tensor", "data", data, shape);
    this.data = data instanceof Float64Array ? data : Float64Array.from(data);
    this.shape = [rows, cols];
    this.requiresGrad = options.requiresGrad ?? false;
    this.label = options.label;
    this.op = "";
    this.inputs = [];
  }

  /** What every op returns: its output, its inputs and its backward step (dropped inside noGrad). */
  static fromOp(data: Float64Array, shape: Shape, op: string, inputs: readonly Tensor[], vjp: Vjp): Tensor {
    const out = new Tensor(data, shape);
    const track = recording && inputs.some((t) => t.requiresGrad);
    if (track) {
      const mutable = out as unknown as { op: string; inputs: readonly Tensor[]; vjp: Vjp; requiresGrad: boolean };
      mutable.op = op;
      mutable.inputs = inputs;
      mutable.vjp = vjp;
      mutable.requiresGrad = true;
    }
    return out;
  }

  /** [[1, 2], [3, 4]] → Tensor [2, 2]; a flat list becomes one row [1, n]. */
  static from(values: readonly (readonly number[])[] | readonly number[], options: TensorOptions = {}): Tensor {
    const { values: flat, shape } = flattenRows("tensor", values);
    return new Tensor(flat, shape, options);
  }

  static zeros(rows: number, cols: number, options: TensorOptions = {}): Tensor {
    return new Tensor(new Float64Array(rows * cols), [rows, cols], options);
  }

  static full(rows: number, cols: number, value: number, options: TensorOptions = {}): Tensor {
    return new Tensor(new Float64Array(rows * cols).fill(value), [rows, cols], options);
  }

  static ones(rows: number, cols: number, options: TensorOptions = {}): Tensor {
    return Tensor.full(rows, cols, 1, options);
  }

  /** A constant tensor sharing the data of anything with a 2-D shape (a Matrix, a data set's x). */
  static of(x: { readonly data: Float64Array; readonly shape: Shape }, options: TensorOptions = {}): Tensor {
    return new Tensor(x.data, x.shape, options);
  }

  /** Standard normal values drawn from a seeded generator (NumpyRandom: the same draws as np.random.randn). */
  static randn(rows: number, cols: number, rng: { randn(...shape: number[]): Float64Array }, options: TensorOptions = {}): Tensor {
    return new Tensor(rng.randn(rows, cols), [rows, cols], options);
  }

  get rows(): number {
    return this.shape[0];
  }
  get cols(): number {
    return this.shape[1];
  }
  get size(): number {
    return this.data.length;
  }

  /** The value of a single-element tensor (a loss). */
  item(): number {
    if (this.data.length !== 1) throw new ShapeError(`item: tensor must hold one value, got shape ${formatShape(this.shape)}`);
    return this.data[0];
  }

  get(i: number, j: number): number {
    if (!Number.isInteger(i) || !Number.isInteger(j) || i < 0 || j < 0 || i >= this.rows || j >= this.cols) {
      throw new RangeError(`get: index must lie inside ${formatShape(this.shape)}, got [${i}, ${j}]`);
    }
    return this.data[i * this.cols + j];
  }

  toArray(): number[][] {
    return toRows(this.data, this.rows, this.cols);
  }

  /** The gradient as rows, or null before backward(). */
  gradArray(): number[][] | null {
    return this.grad === null ? null : toRows(this.grad, this.rows, this.cols);
  }

  /** The same data, cut from the graph: no inputs, no gradient. Shares the data array. */
  detach(): Tensor {
    return new Tensor(this.data, this.shape, { label: this.label });
  }

  /** Sets the gradient to zeros (keeping its buffer), since backward() adds into it. */
  zeroGrad(): void {
    if (this.grad !== null) this.grad.fill(0);
  }

  /**
   * Backpropagates from this tensor: a single-element loss, or any tensor with an explicit dOut.
   * Leaf gradients accumulate across calls (+=), as in PyTorch; call zeroGrad() between steps.
   */
  backward(dOut?: Float64Array | readonly number[]): void {
    if (!this.requiresGrad) {
      throw new Error(
        `backward: this tensor does not require grad (no input had requiresGrad: true, or it was made inside noGrad)`,
      );
    }
    if (dOut === undefined && this.data.length !== 1) {
      throw new ShapeError(`backward: start from a single-element tensor or pass dOut, got shape ${formatShape(this.shape)}`);
    }
    const seed = dOut === undefined ? Float64Array.of(1) : Float64Array.from(dOut);
    if (seed.length !== this.data.length) {
      throw new ShapeError(`backward: dOut must have ${this.data.length} values for shape ${formatShape(this.shape)}, got ${seed.length}`);
    }
    const order = topologicalOrder(this);
    for (const node of order) if (node.vjp !== undefined) node.grad = null; // intermediate gradients are per call
    addGrad(this, seed, null);
    for (let n = order.length - 1; n >= 0; n--) {
      const node = order[n];
      if (node.vjp === undefined || node.grad === null) continue; // a leaf: parameters and inputs
      const needs = node.inputs.map((t) => t.requiresGrad);
      const inputGrads = node.vjp(node.grad, needs);
      node.inputs.forEach((input, i) => {
        if (!needs[i]) return;
        const g = inputGrads[i];
        if (g === null || g === undefined || g.length !== input.data.length) {
          throw new ShapeError(
            `${node.op} backward: gradient for input ${i} has ${g?.length ?? 0} values, ` +
              `expected ${input.data.length} for shape ${formatShape(input.shape)}`,
          );
        }
        addGrad(input, g, node.grad);
      });
    }
  }

  /** Node's util.inspect (and so a notebook's output) prints the same text as toString(). */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }

  toString(): string {
    const tags = [this.label ? `"${this.label}"` : "", this.op ? `op ${this.op}` : "", this.requiresGrad ? "requiresGrad" : ""];
    const tagText = tags.filter((t) => t).join(", ");
    return `Tensor ${formatShape(this.shape)}${tagText ? " " + tagText : ""}\n${formatRows(this.data, this.rows, this.cols)}`;
  }
}

/** Shorthand: tensor([[1, 2], [3, 4]], { requiresGrad: true, label: "W" }). */
export function tensor(values: readonly (readonly number[])[] | readonly number[], options: TensorOptions = {}): Tensor {
  return Tensor.from(values, options);
}

/** The engine's += : the first gradient is adopted (copied only if it is another node's dOut), later ones added. */
function addGrad(t: Tensor, g: Float64Array, dOut: Float64Array | null): void {
  if (t.grad === null) {
    t.grad = g === dOut ? g.slice() : g;
    return;
  }
  const acc = t.grad;
  for (let j = 0; j < g.length; j++) acc[j] += g[j];
}

/** Every tensor that needs a gradient, inputs before the ops that use them (iterative: no recursion limit). */
function topologicalOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const visited = new Set<Tensor>();
  const stack: [Tensor, boolean][] = [[root, false]];
  while (stack.length > 0) {
    const [node, done] = stack.pop()!;
    if (done) {
      order.push(node);
      continue;
    }
    if (visited.has(node)) continue;
    visited.add(node);
    stack.push([node, true]);
    for (const input of node.inputs) if (input.requiresGrad && !visited.has(input)) stack.push([input, false]);
  }
  return order;
}
