/** Method forms of the tensor ops (x.matmul(W).add(b).relu()), put on Tensor.prototype by tensor.ts, the only module that exports Tensor outside this folder. */
import { Axis } from "../core/reduce";
import { exp, log, relu, sigmoid, sqrt, tanh } from "./activations";
import { add, div, mul, neg, sub } from "./arithmetic";
import { Labels, mse, softmaxCrossEntropy } from "./losses";
import { matmul, TransposeOptions } from "./matmul";
import { mean, sum } from "./reduce";
import { logSoftmax, softmax } from "./softmax";
import { Tensor } from "./tensor-core";

declare module "./tensor-core" {
  interface Tensor {
    /** this [n, k] @ b [k, m] → [n, m] */
    matmul(b: Tensor, options?: TransposeOptions): Tensor;
    add(b: Tensor | number): Tensor;
    sub(b: Tensor | number): Tensor;
    mul(b: Tensor | number): Tensor;
    div(b: Tensor | number): Tensor;
    neg(): Tensor;
    relu(): Tensor;
    sigmoid(): Tensor;
    tanh(): Tensor;
    exp(): Tensor;
    log(): Tensor;
    sqrt(): Tensor;
    sum(axis?: Axis): Tensor;
    mean(axis?: Axis): Tensor;
    softmax(): Tensor;
    logSoftmax(): Tensor;
    /** this: logits [n, c] → mean cross-entropy [1, 1] */
    softmaxCrossEntropy(labels: Labels): Tensor;
    mse(target: Tensor | readonly (readonly number[])[]): Tensor;
  }
}

const methods: { [K in keyof Tensor]?: (this: Tensor, ...args: never[]) => unknown } = {
  matmul(this: Tensor, b: Tensor, options?: TransposeOptions) { return matmul(this, b, options); },
  add(this: Tensor, b: Tensor | number) { return add(this, b); },
  sub(this: Tensor, b: Tensor | number) { return sub(this, b); },
  mul(this: Tensor, b: Tensor | number) { return mul(this, b); },
  div(this: Tensor, b: Tensor | number) { return div(this, b); },
  neg(this: Tensor) { return neg(this); },
  relu(this: Tensor) { return relu(this); },
  sigmoid(this: Tensor) { return sigmoid(this); },
  tanh(this: Tensor) { return tanh(this); },
  exp(this: Tensor) { return exp(this); },
  log(this: Tensor) { return log(this); },
  sqrt(this: Tensor) { return sqrt(this); },
  sum(this: Tensor, axis?: Axis) { return sum(this, axis); },
  mean(this: Tensor, axis?: Axis) { return mean(this, axis); },
  softmax(this: Tensor) { return softmax(this); },
  logSoftmax(this: Tensor) { return logSoftmax(this); },
  softmaxCrossEntropy(this: Tensor, labels: Labels) { return softmaxCrossEntropy(this, labels); },
  mse(this: Tensor, target: Tensor | readonly (readonly number[])[]) { return mse(this, target); },
};

for (const [name, f] of Object.entries(methods)) {
  Object.defineProperty(Tensor.prototype, name, { value: f, writable: true, configurable: true, enumerable: false });
}
