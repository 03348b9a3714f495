/** micrograd's nn.py over Value: Neuron, Layer, MLP. They only compose Value ops; none defines a backward. */

import { NumpyRandom } from "../core/random";
import { Value, asValue } from "./value";

export type Activation = "relu" | "tanh" | "sigmoid" | "linear";

export interface ScalarNetOptions {
  /** where the uniform(-1, 1) initial weights come from (default: NumpyRandom(seed)) */
  rng?: NumpyRandom;
  /** seed when no rng is given (default 0) */
  seed?: number;
  /** nonlinearity of hidden layers (default "relu", micrograd's; the lecture uses "tanh") */
  activation?: Activation;
}

/** Σ values, added left to right from `start` like Python's sum(values, start). */
export function sumValues(values: readonly (Value | number)[], start: Value | number = 0): Value {
  let acc = asValue(start, "sumValues");
  for (const v of values) acc = acc.add(v);
  return acc;
}

/** Something with parameters, a zeroGrad, and a forward pass. */
export abstract class Module {
  abstract parameters(): Value[];

  zeroGrad(): void {
    for (const p of this.parameters()) p.grad = 0;
  }
}

/** act(w · x + b) for one output; weights uniform(-1, 1), bias 0, as micrograd does. */
export class Neuron extends Module {
  readonly w: Value[];
  readonly b: Value;
  readonly activation: Activation;

  constructor(nin: number, options: ScalarNetOptions & { activation?: Activation } = {}) {
    super();
    checkCount("Neuron", "nin", nin);
    const rng = options.rng ?? new NumpyRandom(options.seed ?? 0);
    this.w = Array.from(rng.uniform(-1, 1, nin), (v) => new Value(v));
    this.b = new Value(0);
    this.activation = options.activation ?? "relu";
  }

  forward(x: readonly (Value | number)[]): Value {
    if (x.length !== this.w.length) {
      throw new Error(`Neuron: input must have ${this.w.length} values like the weights, got ${x.length}`);
    }
    const act = sumValues(this.w.map((wi, i) => wi.mul(x[i])), this.b);
    return activate(act, this.activation);
  }

  parameters(): Value[] {
    return [...this.w, this.b];
  }

  toString(): string {
    const name = this.activation === "linear" ? "Linear" : this.activation === "relu" ? "ReLU" : this.activation === "tanh" ? "Tanh" : "Sigmoid";
    return `${name}Neuron(${this.w.length})`;
  }
}

/** nout Neurons reading the same input. */
export class Layer extends Module {
  readonly neurons: Neuron[];

  constructor(nin: number, nout: number, options: ScalarNetOptions = {}) {
    super();
    checkCount("Layer", "nout", nout);
    const rng = options.rng ?? new NumpyRandom(options.seed ?? 0);
    this.neurons = Array.from({ length: nout }, () => new Neuron(nin, { rng, activation: options.activation }));
  }

  forward(x: readonly (Value | number)[]): Value[] {
    return this.neurons.map((n) => n.forward(x));
  }

  parameters(): Value[] {
    return this.neurons.flatMap((n) => n.parameters());
  }

  toString(): string {
    return `Layer of [${this.neurons.join(", ")}]`;
  }
}

/** Layers of sizes nin → nouts[0] → … ; the last layer is linear (micrograd's MLP). */
export class MLP extends Module {
  readonly layers: Layer[];

  constructor(nin: number, nouts: readonly number[], options: ScalarNetOptions = {}) {
    super();
    if (!Array.isArray(nouts) || nouts.length === 0) throw new Error(`MLP: nouts must list at least one layer size, got ${JSON.stringify(nouts)}`);
    const rng = options.rng ?? new NumpyRandom(options.seed ?? 0);
    const sizes = [nin, ...nouts];
    this.layers = nouts.map(
      (_, i) => new Layer(sizes[i], sizes[i + 1], { rng, activation: i === nouts.length - 1 ? "linear" : (options.activation ?? "relu") }),
    );
  }

  /** x [nin] → outputs [nouts at the end]; for one output take `[0]`. */
  forward(x: readonly (Value | number)[]): Value[] {
    let h: readonly (Value | number)[] = x;
    for (const layer of this.layers) h = layer.forward(h);
    return h as Value[];
  }

  parameters(): Value[] {
    return this.layers.flatMap((l) => l.parameters());
  }

  toString(): string {
    return `MLP of [${this.layers.join(", ")}]`;
  }
}

function activate(v: Value, activation: Activation): Value {
  switch (activation) {
    case "relu":
      return v.relu();
    case "tanh":
      return v.tanh();
    case "sigmoid":
      return v.sigmoid();
    case "linear":
      return v;
    default:
      throw new Error(`Neuron: activation must be "relu", "tanh", "sigmoid" or "linear", got ${JSON.stringify(activation)}`);
  }
}

function checkCount(op: string, arg: string, n: number): void {
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1) throw new Error(`${op}: ${arg} must be an integer >= 1, got ${n}`);
}
