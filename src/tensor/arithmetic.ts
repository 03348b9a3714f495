/** add, sub, mul, div with row/column broadcasting, and neg; each with its gradient beside it. */
import { broadcastBinary, mapValues, sumToShape } from "../core/elementwise";
import { formatIndex, formatShape } from "../core/shape";
import { Tensor } from "./tensor-core";

/** A number becomes a constant [1, 1] tensor, which broadcasts everywhere. */
export function asTensor(x: Tensor | number): Tensor {
  return typeof x === "number" ? new Tensor(Float64Array.of(x), [1, 1]) : x;
}

/** a + b, broadcasting rows [1, m], columns [n, 1] and scalars. */
export function add(a: Tensor | number, b: Tensor | number): Tensor {
  const [ta, tb] = [asTensor(a), asTensor(b)];
  const { out, shape } = broadcastBinary("add", ta.data, ta.shape, tb.data, tb.shape);
  return Tensor.fromOp(out, shape, "add", [ta, tb], (dOut) => [
    sumToShape(dOut, shape, ta.shape), // dA = dOut, summed over broadcast axes
    sumToShape(dOut, shape, tb.shape), // dB = dOut, summed over broadcast axes
  ]);
}

/** a − b, broadcasting. */
export function sub(a: Tensor | number, b: Tensor | number): Tensor {
  const [ta, tb] = [asTensor(a), asTensor(b)];
  const { out, shape } = broadcastBinary("sub", ta.data, ta.shape, tb.data, tb.shape);
  return Tensor.fromOp(out, shape, "sub", [ta, tb], (dOut, needs) => [
    sumToShape(dOut, shape, ta.shape), //                        dA = dOut
    needs[1] ? negate(sumToShape(dOut, shape, tb.shape)) : null, // dB = −dOut
  ]);
}

/** a ⊙ b (elementwise), broadcasting. */
export function mul(a: Tensor | number, b: Tensor | number): Tensor {
  const [ta, tb] = [asTensor(a), asTensor(b)];
  const { out, shape } = broadcastBinary("mul", ta.data, ta.shape, tb.data, tb.shape);
  return Tensor.fromOp(out, shape, "mul", [ta, tb], (dOut, needs) => [
    needs[0] ? sumToShape(broadcastBinary("mul", dOut, shape, tb.data, tb.shape).out, shape, ta.shape) : null, // dA = dOut ⊙ b
    needs[1] ? sumToShape(broadcastBinary("mul", dOut, shape, ta.data, ta.shape).out, shape, tb.shape) : null, // dB = dOut ⊙ a
  ]);
}

/** a / b (elementwise), broadcasting. A zero divisor throws instead of making ±Infinity or NaN. */
export function div(a: Tensor | number, b: Tensor | number): Tensor {
  const [ta, tb] = [asTensor(a), asTensor(b)];
  const zero = tb.data.indexOf(0);
  if (zero >= 0) {
    throw new RangeError(`div: divisor b must be non-zero, got 0 at ${formatIndex(zero, tb.shape)} of b ${formatShape(tb.shape)}`);
  }
  const { out, shape } = broadcastBinary("div", ta.data, ta.shape, tb.data, tb.shape);
  return Tensor.fromOp(out, shape, "div", [ta, tb], (dOut, needs) => [
    needs[0] ? sumToShape(broadcastBinary("div", dOut, shape, tb.data, tb.shape).out, shape, ta.shape) : null, // dA = dOut / b
    needs[1] ? negate(sumToShape(divBy(mulEach(dOut, out), shape, tb), shape, tb.shape)) : null, //              dB = −dOut ⊙ (a / b) / b
  ]);
}

/** −x */
export function neg(x: Tensor): Tensor {
  return Tensor.fromOp(negate(x.data), x.shape, "neg", [x], (dOut) => [negate(dOut)]); // dX = −dOut
}

function negate(x: Float64Array): Float64Array {
  return mapValues(x, (v) => -v);
}

function mulEach(x: Float64Array, y: Float64Array): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i] * y[i];
  return out;
}

function divBy(x: Float64Array, shape: readonly [number, number], b: Tensor): Float64Array {
  return broadcastBinary("div", x, shape, b.data, b.shape).out;
}
