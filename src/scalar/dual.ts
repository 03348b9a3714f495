/** Dual numbers a + b·ε (ε² = 0) for forward-mode differentiation: the derivative rides along with the value. */
import { stableSigmoid } from "../core/elementwise";

/**
 * `value` is f(x) and `derivative` is f'(x) · dx for the seed direction dx.
 * Every op applies its local rule once, in the same step as the value: no graph, no backward pass.
 */
export class Dual {
  readonly value: number;
  readonly derivative: number;

  constructor(value: number, derivative = 0) {
    checkFinite("Dual", "value", value);
    checkFinite("Dual", "derivative", derivative);
    this.value = value;
    this.derivative = derivative;
  }

  /** The input we differentiate with respect to: x + 1·ε. */
  static variable(x: number): Dual {
    return new Dual(x, 1);
  }

  /** A constant: c + 0·ε. */
  static constant(c: number): Dual {
    return new Dual(c, 0);
  }

  add(other: Dual | number): Dual {
    const o = asDual(other, "add");
    return make("add", this.value + o.value, this.derivative + o.derivative); // (a + b)' = a' + b'
  }

  sub(other: Dual | number): Dual {
    const o = asDual(other, "sub");
    return make("sub", this.value - o.value, this.derivative - o.derivative);
  }

  mul(other: Dual | number): Dual {
    const o = asDual(other, "mul");
    return make("mul", this.value * o.value, this.derivative * o.value + this.value * o.derivative); // product rule
  }

  div(other: Dual | number): Dual {
    const o = asDual(other, "div");
    if (o.value === 0) throw new Error(`div: divisor must be non-zero, got ${o.value} (dividing ${this.value})`);
    // quotient rule: (a / b)' = (a' b - a b') / b²
    return make("div", this.value / o.value, (this.derivative * o.value - this.value * o.derivative) / (o.value * o.value));
  }

  /** this ** k for a constant exponent k. */
  pow(k: number): Dual {
    checkFinite("pow", "exponent", k);
    if (this.value < 0 && !Number.isInteger(k)) {
      throw new Error(`pow: a negative base needs an integer exponent, got base ${this.value} and exponent ${k}`);
    }
    if (this.value === 0 && k < 0) throw new Error(`pow: base 0 with negative exponent ${k} is infinite, got base 0`);
    // at x = 0 with 0 < k < 1 the slope is infinite; make() reports it
    const slope = k === 0 ? 0 : k * this.value ** (k - 1);
    return make("pow", this.value ** k, slope * this.derivative); // (xᵏ)' = k xᵏ⁻¹ x'
  }

  neg(): Dual {
    return make("neg", -this.value, -this.derivative);
  }

  exp(): Dual {
    const e = Math.exp(this.value);
    return make("exp", e, e * this.derivative); // (eˣ)' = eˣ x'
  }

  log(): Dual {
    if (!(this.value > 0)) throw new Error(`log: input must be > 0, got ${this.value}`);
    return make("log", Math.log(this.value), this.derivative / this.value); // (ln x)' = x' / x
  }

  tanh(): Dual {
    const t = Math.tanh(this.value);
    return make("tanh", t, (1 - t * t) * this.derivative); // (tanh x)' = (1 - tanh²x) x'
  }

  sigmoid(): Dual {
    const x = this.value;
    const s = stableSigmoid(x);
    return make("sigmoid", s, s * (1 - s) * this.derivative); // σ' = σ(1 - σ) x'
  }

  relu(): Dual {
    return this.value > 0 ? make("relu", this.value, this.derivative) : make("relu", 0, 0);
  }

  toString(): string {
    return `Dual(value=${this.value}, derivative=${this.derivative})`;
  }
}

/** f'(x) by forward mode: runs f once on x + 1·ε and reads off the ε part. */
export function derivative(f: (x: Dual) => Dual | number, x: number): number {
  checkFinite("derivative", "x", x);
  const out = f(Dual.variable(x));
  if (typeof out === "number") return 0; // f ignored its input: a constant
  if (!(out instanceof Dual)) throw new Error(`derivative: f must return a Dual, got ${typeof out}`);
  return out.derivative;
}

function asDual(x: Dual | number, op: string): Dual {
  if (x instanceof Dual) return x;
  if (typeof x !== "number" || !Number.isFinite(x)) {
    throw new Error(`${op}: operand must be a Dual or a finite number, got ${typeof x === "number" ? x : typeof x}`);
  }
  return new Dual(x, 0);
}

function make(op: string, value: number, der: number): Dual {
  if (!Number.isFinite(value)) throw new Error(`${op}: value must be finite, got ${value}`);
  if (!Number.isFinite(der)) throw new Error(`${op}: derivative must be finite, got ${der} at value ${value}`);
  return new Dual(value, der);
}

function checkFinite(op: string, arg: string, x: number): void {
  if (typeof x !== "number" || !Number.isFinite(x)) {
    throw new Error(`${op}: ${arg} must be a finite number, got ${typeof x === "number" ? x : typeof x}`);
  }
}
