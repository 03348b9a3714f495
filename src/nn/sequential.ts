/** Sequential and Residual: containers that chain modules, or add a block's output back to its input. */
import { formatShape, ShapeError } from "../core/shape";
import { add } from "../tensor/arithmetic";
import { Tensor } from "../tensor/tensor";
import { Module } from "./module";

/** layers applied in order: x → layers[0] → layers[1] → … */
export class Sequential extends Module {
  readonly layers: readonly Module[];

  constructor(...layers: Module[]) {
    super();
    layers.forEach((l, i) => {
      if (!(l instanceof Module)) throw new TypeError(`Sequential: every layer must be a Module, got ${typeof l} at position ${i}`);
    });
    this.layers = layers;
  }

  forward(x: Tensor): Tensor {
    let h = x;
    for (const layer of this.layers) h = layer.forward(h);
    return h;
  }

  children(): Module[] {
    return [...this.layers];
  }
}

/** x → x + block(x) (He et al. 2016): the skip path hands the gradient straight back. block must keep the shape. */
export class Residual extends Module {
  constructor(readonly block: Module) {
    super();
  }

  forward(x: Tensor): Tensor {
    const fx = this.block.forward(x);
    if (fx.shape[0] !== x.shape[0] || fx.shape[1] !== x.shape[1]) {
      throw new ShapeError(`Residual: block must keep the shape of x, got x ${formatShape(x.shape)} and block(x) ${formatShape(fx.shape)}`);
    }
    return add(x, fx);
  }

  children(): Module[] {
    return [this.block];
  }
}
