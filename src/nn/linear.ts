/** Linear: x W + b, a fully connected layer. It composes matmul and add; the ops own the gradients. */
import { NumpyRandom } from "../core/random";
import { expectLength, formatShape, ShapeError } from "../core/shape";
import { add } from "../tensor/arithmetic";
import { matmul } from "../tensor/matmul";
import { Tensor } from "../tensor/tensor";
import { Initializer, pytorchUniform } from "./init";
import { Module, ParameterEntry } from "./module";

export interface LinearOptions {
  /** how W is drawn (default: PyTorch's U(−1/√in, 1/√in)) */
  init?: Initializer;
  /** how b is drawn: "zeros" (default with a custom init) or "uniform" (PyTorch's default, used with the default init) */
  biasInit?: "zeros" | "uniform";
  /** false: no bias */
  bias?: boolean;
}

/** x [batch, inFeatures] → x W + b [batch, outFeatures] */
export class Linear extends Module {
  readonly weight: Tensor; // W [inFeatures, outFeatures]  (PyTorch stores Wᵀ; x W reads like the math)
  readonly bias: Tensor | null; // b [1, outFeatures], broadcast over the batch

  constructor(
    readonly inFeatures: number,
    readonly outFeatures: number,
    rng: NumpyRandom,
    options: LinearOptions = {},
  ) {
    super();
    for (const [name, v] of [["inFeatures", inFeatures], ["outFeatures", outFeatures]] as const) {
      if (!Number.isInteger(v) || v < 1) throw new RangeError(`Linear: ${name} must be a positive integer, got ${v}`);
    }
    const init = options.init ?? pytorchUniform();
    this.weight = new Tensor(init(rng, inFeatures, outFeatures), [inFeatures, outFeatures], { requiresGrad: true, label: "W" });
    const biasInit = options.biasInit ?? (options.init === undefined ? "uniform" : "zeros");
    const bound = 1 / Math.sqrt(inFeatures); // PyTorch's default range for the bias
    const b = biasInit === "uniform" ? rng.uniform(-bound, bound, 1, outFeatures) : new Float64Array(outFeatures);
    this.bias = options.bias === false ? null : new Tensor(b, [1, outFeatures], { requiresGrad: true, label: "b" });
  }

  forward(x: Tensor): Tensor {
    if (x.shape[1] !== this.inFeatures) {
      throw new ShapeError(`Linear: x must have ${this.inFeatures} features (columns), got x ${formatShape(x.shape)}`);
    }
    const xW = matmul(x, this.weight);
    return this.bias === null ? xW : add(xW, this.bias);
  }

  ownParameters(): ParameterEntry[] {
    const own: ParameterEntry[] = [{ short: "W", tensor: this.weight, decay: true }];
    if (this.bias !== null) own.push({ short: "b", tensor: this.bias, decay: false });
    return own;
  }

  /**
   * Sets W [inFeatures, outFeatures] and b [outFeatures] (copied in).
   * To load PyTorch's weight [out, in], pass its transpose.
   */
  setWeights(weight: readonly (readonly number[])[], bias?: readonly number[]): this {
    const flat = weight.flat();
    if (weight.length !== this.inFeatures || flat.length !== this.inFeatures * this.outFeatures) {
      const got = [weight.length, weight[0]?.length ?? 0];
      throw new ShapeError(`Linear.setWeights: weight must be [${this.inFeatures}, ${this.outFeatures}], got ${formatShape(got)}`);
    }
    this.weight.data.set(flat);
    if (bias !== undefined) {
      if (this.bias === null) throw new Error("Linear.setWeights: this layer has no bias, got a bias");
      expectLength("Linear.setWeights", "bias", bias, [1, this.outFeatures]);
      this.bias.data.set(bias);
    }
    return this;
  }
}
