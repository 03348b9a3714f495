/**
 * Lesson 003's 2-2-1 sigmoid network by hand (llm.c's shape: forward returns a cache, backward reads it), with the
 * lesson's common mistakes as switchable bugs so a notebook can show each one failing a gradient check.
 * Parameters are flat Float64Arrays that gradCheck can perturb in place: W1 [hidden, input] row-major, b1 [hidden],
 * W2 [hidden] (one output row), b2 [1]. Loss L = ½(ŷ − y)².
 */
import { stableSigmoid } from "../core/elementwise";

export interface SigmoidNetParams {
  W1: Float64Array; // [2, 2], one row per hidden neuron: [h1·x1, h1·x2, h2·x1, h2·x2]
  b1: Float64Array; // [2]
  W2: Float64Array; // [2]: the output neuron's weights on a1, a2
  b2: Float64Array; // [1]
}

export interface SigmoidNetCache {
  x: readonly number[];
  zh: number[]; // hidden pre-activations
  a: number[]; // hidden activations σ(zh)
  zo: number;
  yHat: number;
  loss: number;
}

export interface SigmoidNetGrads {
  deltaOut: number; // δo = ∂L/∂zo
  deltaHidden: number[]; // δh = ∂L/∂zh
  dW2: Float64Array;
  db2: Float64Array;
  dW1: Float64Array;
  db1: Float64Array;
}

/** The lesson's common mistakes, each a one-line change to the correct backward pass. */
export type SigmoidNetMistake = "dropSigmaPrime" | "updateMidBackward" | "flipSign" | "noCache";

export const SIGMOID_NET_MISTAKES: readonly SigmoidNetMistake[] = ["dropSigmaPrime", "updateMidBackward", "flipSign", "noCache"];

/** The lesson's fixed numbers: x = [0.50, 0.90], y = 1, W1 = [0.15, 0.20; 0.25, 0.30], b1 = [0.35, 0.35], W2 = [0.40, 0.45], b2 = 0.60, η = 0.5. */
export function stepByHandParams(): SigmoidNetParams {
  return {
    W1: Float64Array.from([0.15, 0.2, 0.25, 0.3]),
    b1: Float64Array.from([0.35, 0.35]),
    W2: Float64Array.from([0.4, 0.45]),
    b2: Float64Array.from([0.6]),
  };
}

export const STEP_BY_HAND = { x: [0.5, 0.9], y: 1, eta: 0.5 } as const;

const sigma = stableSigmoid;

function checkParams(op: string, p: SigmoidNetParams, x: readonly number[]): void {
  const want: [keyof SigmoidNetParams, number][] = [["W1", 4], ["b1", 2], ["W2", 2], ["b2", 1]];
  for (const [name, n] of want) {
    const v = p?.[name];
    if (!(v instanceof Float64Array) || v.length !== n) {
      throw new Error(`${op}: ${name} must be a Float64Array of ${n} values, got ${v instanceof Float64Array ? `${v.length} values` : typeof v}`);
    }
  }
  if (!Array.isArray(x) || x.length !== 2 || !x.every(Number.isFinite)) {
    throw new Error(`${op}: x must hold 2 finite numbers, got [${Array.isArray(x) ? x.join(", ") : typeof x}]`);
  }
}

/** Forward pass: a = σ(W1 x + b1), ŷ = σ(W2 · a + b2), L = ½(ŷ − y)²; everything the backward pass needs is cached. */
export function sigmoidNetForward(p: SigmoidNetParams, x: readonly number[], y: number): SigmoidNetCache {
  checkParams("sigmoidNetForward", p, x);
  if (!Number.isFinite(y)) throw new Error(`sigmoidNetForward: y must be a finite number, got ${y}`);
  const zh = [0, 1].map((j) => p.W1[2 * j] * x[0] + p.W1[2 * j + 1] * x[1] + p.b1[j]);
  const a = zh.map(sigma);
  const zo = p.W2[0] * a[0] + p.W2[1] * a[1] + p.b2[0];
  const yHat = sigma(zo);
  return { x: [x[0], x[1]], zh, a, zo, yHat, loss: 0.5 * (yHat - y) ** 2 };
}

/**
 * Backward pass from the cache. With `mistake` set it makes one of the lesson's mistakes:
 * dropSigmaPrime: δ without the σ' factor; flipSign: δo = (y − ŷ)·σ'; updateMidBackward: W2 takes its
 * step (rate `eta`) before δ is sent back through it; noCache: the activations were not kept, and the
 * hidden σ' is read from the one activation buffer the forward pass left behind, which holds ŷ.
 */
export function sigmoidNetBackward(
  p: SigmoidNetParams,
  cache: SigmoidNetCache,
  y: number,
  options: { mistake?: SigmoidNetMistake; eta?: number } = {},
): SigmoidNetGrads {
  checkParams("sigmoidNetBackward", p, cache?.x as number[]);
  const { mistake, eta = STEP_BY_HAND.eta } = options;
  if (mistake !== undefined && !SIGMOID_NET_MISTAKES.includes(mistake)) {
    throw new Error(`sigmoidNetBackward: mistake must be one of ${SIGMOID_NET_MISTAKES.join(", ")}, got ${String(mistake)}`);
  }
  const { x, a, yHat } = cache;
  const sigmaPrime = (s: number) => (mistake === "dropSigmaPrime" ? 1 : s * (1 - s)); // σ'(z) = s(1 − s) with s = σ(z)
  const error = mistake === "flipSign" ? y - yHat : yHat - y;
  const deltaOut = error * sigmaPrime(yHat); // δo = (ŷ − y)·σ'(zo)
  const dW2 = Float64Array.from(a, (aj) => deltaOut * aj); // ∂L/∂W2 = δo · a
  const db2 = Float64Array.of(deltaOut); // a bias is a weight whose input is 1
  const W2 = mistake === "updateMidBackward" ? Float64Array.from(p.W2, (w, j) => w - eta * dW2[j]) : p.W2;
  const hiddenAct = mistake === "noCache" ? [yHat, yHat] : a;
  const deltaHidden = [0, 1].map((j) => W2[j] * deltaOut * sigmaPrime(hiddenAct[j])); // δh = (W2ᵀ δo) ⊙ σ'(zh)
  const dW1 = Float64Array.from([0, 1, 2, 3], (k) => deltaHidden[k >> 1] * x[k & 1]); // δh ⊗ x, row-major
  const db1 = Float64Array.from(deltaHidden);
  return { deltaOut, deltaHidden, dW2, db2, dW1, db1 };
}
