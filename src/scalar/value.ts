/** A scalar autograd engine in the spirit of micrograd: each op sets its own backward step. */
import { stableSigmoid } from "../core/elementwise";

/** `label` names a Value in drawings and error messages. */
export type ValueOptions = { label?: string };

/** Nodes and edges for drawing a graph (micrograd's `draw_dot`); edges run child → result. */
export interface ValueGraph {
  nodes: { id: string; label?: string; op: string; data: number; grad: number }[];
  edges: { from: string; to: string }[];
}

/**
 * Stores a single scalar and its gradient.
 *
 * Gradients accumulate like PyTorch's: `backward()` first clears the gradients of the graph's
 * intermediate nodes, then adds d root / d leaf into every leaf's `grad`. Calling it twice
 * therefore doubles the leaves' gradients; call `zeroGrad()` (on the root: it resets every node
 * of the graph) or set `grad = 0` on the leaves before a fresh backward pass.
 */
export class Value {
  data: number;
  grad = 0;
  label: string;
  /** The op that made this Value ("" for a leaf), e.g. "+", "*", "**2", "tanh". */
  readonly op: string;
  /** The Values this one was computed from (micrograd's `_prev`). */
  readonly children: readonly Value[];
  private backwardFn: () => void = () => {};

  constructor(data: number, options: ValueOptions | string = {}) {
    const label = typeof options === "string" ? options : (options.label ?? "");
    if (typeof data !== "number" || !Number.isFinite(data)) {
      throw new Error(`Value: data must be a finite number, got ${describeNumber(data)}${label ? ` for "${label}"` : ""}`);
    }
    this.data = data;
    this.label = label;
    this.op = "";
    this.children = [];
  }

  /** Makes the result of `op`, refusing a non-finite result so no NaN spreads silently. */
  private static result(data: number, children: Value[], op: string): Value {
    if (!Number.isFinite(data)) {
      const inputs = children.map((c) => describeValue(c)).join(" and ");
      throw new Error(`${opName(op)}: result must be finite, got ${data} from ${inputs}`);
    }
    const out = new Value(0);
    out.data = data;
    (out as { op: string }).op = op;
    (out as { children: readonly Value[] }).children = children;
    return out;
  }

  add(other: Value | number): Value {
    const that = asValue(other, "add");
    const out = Value.result(this.data + that.data, [this, that], "+");
    out.backwardFn = () => {
      this.grad += out.grad; // d(a + b)/da = 1
      that.grad += out.grad;
    };
    return out;
  }

  mul(other: Value | number): Value {
    const that = asValue(other, "mul");
    const out = Value.result(this.data * that.data, [this, that], "*");
    out.backwardFn = () => {
      this.grad += that.data * out.grad; // d(a b)/da = b
      that.grad += this.data * out.grad;
    };
    return out;
  }

  /** this ** k for a constant exponent k. */
  pow(k: number): Value {
    if (typeof k !== "number" || !Number.isFinite(k)) {
      throw new Error(`pow: exponent must be a finite number, got ${describeNumber(k)}`);
    }
    if (this.data < 0 && !Number.isInteger(k)) {
      throw new Error(`pow: a negative base needs an integer exponent, got base ${this.data} and exponent ${k}`);
    }
    if (this.data === 0 && k < 0) {
      throw new Error(`pow: base 0 with negative exponent ${k} is infinite, got base ${describeValue(this)}`);
    }
    const out = Value.result(this.data ** k, [this], `**${k}`);
    out.backwardFn = () => {
      this.grad += k * this.data ** (k - 1) * out.grad; // d x^k = k x^(k-1) dx
    };
    return out;
  }

  exp(): Value {
    const e = Math.exp(this.data);
    const out = Value.result(e, [this], "exp");
    out.backwardFn = () => {
      this.grad += e * out.grad; // d eˣ = eˣ dx
    };
    return out;
  }

  log(): Value {
    if (!(this.data > 0)) throw new Error(`log: input must be > 0, got ${describeValue(this)}`);
    const out = Value.result(Math.log(this.data), [this], "log");
    out.backwardFn = () => {
      this.grad += out.grad / this.data; // d ln x = dx / x
    };
    return out;
  }

  tanh(): Value {
    const t = Math.tanh(this.data);
    const out = Value.result(t, [this], "tanh");
    out.backwardFn = () => {
      this.grad += (1 - t * t) * out.grad; // d tanh(x) = (1 - tanh²x) dx
    };
    return out;
  }

  sigmoid(): Value {
    const s = stableSigmoid(this.data);
    const out = Value.result(s, [this], "sigmoid");
    out.backwardFn = () => {
      this.grad += s * (1 - s) * out.grad; // d σ(x) = σ(x)(1 - σ(x)) dx
    };
    return out;
  }

  relu(): Value {
    const out = Value.result(this.data < 0 ? 0 : this.data, [this], "relu");
    out.backwardFn = () => {
      this.grad += (out.data > 0 ? 1 : 0) * out.grad; // relu routes the gradient where x > 0
    };
    return out;
  }

  // Derived ops are built from the primitives above, so they need no backward of their own.

  neg(): Value {
    return this.mul(-1);
  }

  sub(other: Value | number): Value {
    return this.add(asValue(other, "sub").neg());
  }

  div(other: Value | number): Value {
    const that = asValue(other, "div");
    if (that.data === 0) throw new Error(`div: divisor must be non-zero, got ${describeValue(that)} (dividing ${describeValue(this)})`);
    return this.mul(that.pow(-1));
  }

  /** Applies this node's local chain rule once: adds into its children's grads from `this.grad`. */
  backwardStep(): void {
    this.backwardFn();
  }

  /** Fills `grad` of every Value this one depends on with d this / d value (see the class note on accumulation). */
  backward(): void {
    // Inputs before the ops that use them, so walking it backwards meets each node after all its uses.
    const topo = topoSort(this);
    for (const v of topo) if (v.children.length > 0) v.grad = 0;
    // Intermediate grads restart from zero each pass; leaves keep accumulating (see the class note).
    this.grad += 1;
    for (let i = topo.length - 1; i >= 0; i--) {
      const v = topo[i];
      v.backwardFn();
      for (const c of v.children) {
        if (!Number.isFinite(c.grad)) {
          throw new Error(`backward: gradient became ${c.grad} at ${describeValue(c)}, flowing back through op "${v.op}"`);
        }
      }
    }
  }

  /** Sets `grad = 0` on this Value and every Value it depends on. */
  zeroGrad(): void {
    for (const v of topoSort(this)) v.grad = 0;
  }

  /** Nodes and edges for drawing (see `exportGraph`). */
  graph(): ValueGraph {
    return exportGraph(this);
  }

  toString(): string {
    return `Value(${this.label ? `label=${this.label}, ` : ""}data=${this.data}, grad=${this.grad})`;
  }
}

/** A number becomes a constant leaf; a Value passes through. */
export function asValue(x: Value | number, op = "Value"): Value {
  if (x instanceof Value) return x;
  if (typeof x !== "number" || !Number.isFinite(x)) {
    throw new Error(`${op}: operand must be a Value or a finite number, got ${describeNumber(x)}`);
  }
  return new Value(x);
}

/**
 * Every Value `root` depends on, children before parents, ending with `root`.
 * Iterative depth-first search, so a 100,000-node chain needs no deep recursion.
 */
export function topoSort(root: Value): Value[] {
  const topo: Value[] = [];
  const visited = new Set<Value>([root]);
  const stack: { node: Value; next: number }[] = [{ node: root, next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.next < top.node.children.length) {
      const child = top.node.children[top.next++];
      if (!visited.has(child)) {
        visited.add(child);
        stack.push({ node: child, next: 0 });
      }
    } else {
      topo.push(top.node); // all children placed: the node itself can follow
      stack.pop();
    }
  }
  return topo;
}

/** The graph under `root` as plain data: node ids "n0", "n1", … in topological order, edges child → result. */
export function exportGraph(root: Value): ValueGraph {
  const topo = topoSort(root);
  const ids = new Map<Value, string>();
  topo.forEach((v, i) => ids.set(v, `n${i}`));
  const nodes = topo.map((v) => ({
    id: ids.get(v)!,
    ...(v.label ? { label: v.label } : {}),
    op: v.op,
    data: v.data,
    grad: v.grad,
  }));
  const edges: ValueGraph["edges"] = [];
  for (const v of topo) for (const c of v.children) edges.push({ from: ids.get(c)!, to: ids.get(v)! });
  return { nodes, edges };
}

function opName(op: string): string {
  if (op === "+") return "add";
  if (op === "*") return "mul";
  if (op.startsWith("**")) return "pow";
  return op;
}

function describeValue(v: Value): string {
  return v.label ? `${v.label} = ${v.data}` : String(v.data);
}

function describeNumber(x: unknown): string {
  if (typeof x === "number") return String(x);
  if (x === null || x === undefined) return String(x);
  return typeof x === "string" ? JSON.stringify(x) : typeof x;
}
