/** sum and mean of a tensor, over everything or along one axis, with their gradients (broadcast dOut back). */
import { Axis, sumAll, sumAxis } from "../core/reduce";
import { formatShape, ShapeError } from "../core/shape";
import { Tensor } from "./tensor-core";

/** Σ x → [1, 1]; axis 0 → [1, cols] (sum down each column); axis 1 → [rows, 1] (sum along each row). */
export function sum(x: Tensor, axis?: Axis): Tensor {
  return reduce("sum", x, axis, 1);
}

/** mean x → [1, 1]; axis 0 → [1, cols]; axis 1 → [rows, 1]. An empty tensor has no mean and throws. */
export function mean(x: Tensor, axis?: Axis): Tensor {
  const [rows, cols] = x.shape;
  const n = axis === undefined ? rows * cols : axis === 0 ? rows : cols;
  if (n === 0) throw new ShapeError(`mean: x must have at least one value along the axis, got x ${formatShape(x.shape)}`);
  return reduce("mean", x, axis, 1 / n);
}

function reduce(op: string, x: Tensor, axis: Axis | undefined, scale: number): Tensor {
  if (axis !== undefined && axis !== 0 && axis !== 1) throw new RangeError(`${op}: axis must be 0, 1 or omitted, got ${axis}`);
  const [rows, cols] = x.shape;
  const out = axis === undefined ? Float64Array.of(sumAll(x.data)) : sumAxis(x.data, rows, cols, axis);
  if (scale !== 1) for (let i = 0; i < out.length; i++) out[i] *= scale;
  const shape: [number, number] = axis === undefined ? [1, 1] : axis === 0 ? [1, cols] : [rows, 1];
  return Tensor.fromOp(out, shape, op, [x], (dOut) => {
    const dX = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        dX[i * cols + j] = scale * dOut[axis === undefined ? 0 : axis === 0 ? j : i]; // dX[i, j] = scale · dOut broadcast back
      }
    }
    return [dX];
  });
}
