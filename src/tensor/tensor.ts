/** Tensor with its method forms (x.matmul(W).add(b).relu()): every import of Tensor outside tensor/ comes through here, so the methods are always there. */
import "./methods";

export { Tensor, tensor, noGrad, isGradEnabled, type Vjp, type TensorOptions } from "./tensor-core";
