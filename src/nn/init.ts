/** Weight initializers: each returns a row-major [fanIn, fanOut] Float64Array drawn from a seeded NumpyRandom. */
import { NumpyRandom } from "../core/random";

/** (rng, fanIn, fanOut) → weights [fanIn, fanOut], row-major. */
export type Initializer = (rng: NumpyRandom, fanIn: number, fanOut: number) => Float64Array;

/** Glorot & Bengio 2010: U(−a, a), a = gain·√(6 / (fanIn + fanOut)); keeps variance equal forward and backward. */
export function xavierUniform(gain = 1): Initializer {
  return (rng, fanIn, fanOut) => {
    const a = gain * Math.sqrt(6 / (fanIn + fanOut));
    return rng.uniform(-a, a, fanIn, fanOut);
  };
}

/** Glorot normal: N(0, std²), std = gain·√(2 / (fanIn + fanOut)). */
export function xavierNormal(gain = 1): Initializer {
  return scaled((fanIn, fanOut) => gain * Math.sqrt(2 / (fanIn + fanOut)));
}

/** He et al. 2015 for ReLU: N(0, 2 / fanIn), since ReLU zeroes half the variance. */
export function heNormal(): Initializer {
  return scaled((fanIn) => Math.sqrt(2 / fanIn));
}

/** He uniform: U(−b, b), b = √(6 / fanIn). */
export function heUniform(): Initializer {
  return (rng, fanIn, fanOut) => {
    const b = Math.sqrt(6 / fanIn);
    return rng.uniform(-b, b, fanIn, fanOut);
  };
}

/** PyTorch's nn.Linear default (kaiming_uniform with a = √5): U(−1/√fanIn, 1/√fanIn); its bias uses the same range. */
export function pytorchUniform(): Initializer {
  return (rng, fanIn, fanOut) => {
    const b = 1 / Math.sqrt(fanIn);
    return rng.uniform(-b, b, fanIn, fanOut);
  };
}

/** CS231n's `std * np.random.randn(fanIn, fanOut)`. */
export function scaledNormal(std: number): Initializer {
  return scaled(() => std);
}

function scaled(std: (fanIn: number, fanOut: number) => number): Initializer {
  return (rng, fanIn, fanOut) => {
    const s = std(fanIn, fanOut);
    const w = rng.randn(fanIn, fanOut);
    for (let i = 0; i < w.length; i++) w[i] *= s;
    return w;
  };
}
