// Answer key of 10b-exploding-gradients-and-clipping: clipping by the joint norm of every gradient.

import type { AnswerKey } from "../key";
import { Tensor } from "../../tensor/tensor";
import { clipGradNorm } from "../../nn/sgd";

/** The module's clipGradNorm on tensors holding these gradients, flattened. */
function clipReference(grads: number[][], maxNorm: number): number[] {
  const params = grads.map((g) => {
    const t = new Tensor(g.map(() => 0), [1, g.length], { requiresGrad: true });
    t.grad = Float64Array.from(g);
    return t;
  });
  clipGradNorm(params, maxNorm);
  return params.flatMap((p) => Array.from(p.grad!));
}

/** Calls the learner's clipByNorm and flattens what came back, read as plain data. */
function clipped(a: { readonly [name: string]: unknown }, read: (what: string, value: unknown) => unknown, grads: number[][], maxNorm: number, label: string): unknown {
  const out = read(label, (a.clipByNorm as (g: number[][], m: number) => unknown)(grads.map((g) => g.slice()), maxNorm));
  if (!Array.isArray(out)) return out;
  const flat: unknown[] = [];
  for (const row of out) if (Array.isArray(row)) flat.push(...row); else flat.push(row);
  return flat;
}

const BIG = [[3, -1], [0.5, 2, 1]];
const SMALL = [[0.1, -0.2], [0.05]];
const bigLabel = "clipByNorm([[3, -1], [0.5, 2, 1]], 1).flat()";
const smallLabel = "clipByNorm([[0.1, -0.2], [0.05]], 1).flat()";

const RANDOM = [Array.from({ length: 7 }, (_, i) => Math.sin(i + 1) * 10), Array.from({ length: 3 }, (_, i) => Math.cos(i) * 5)];
const randomLabel = "clipByNorm(random, 2.5).flat()";

export const key10b: AnswerKey = {
  // The instructor's hidden test (its check call is removed from every release).
  "ch10-clip-by-norm-hidden": {
    answer: "ch10-clip-by-norm",
    items: [[randomLabel, { label: randomLabel, from: (a, read) => clipped(a, read, RANDOM, 2.5, randomLabel), array: () => clipReference(RANDOM, 2.5) }]],
  },
  "ch10-clip-by-norm": {
    items: [
      [bigLabel, { label: bigLabel, from: (a, read) => clipped(a, read, BIG, 1, bigLabel), array: () => clipReference(BIG, 1), mistakes: () => [
        { value: BIG.flatMap((g) => { const n = Math.hypot(...g); return g.map((v) => v * Math.min(1, 1 / (n + 1e-6))); }), hint: "Each parameter was clipped on its own. Clipping by norm uses ONE norm over all the gradients together, and scales them all by the same factor." },
        { value: BIG.flat().map((v) => Math.max(-1, Math.min(1, v))), hint: "That clamps each entry to [−1, 1] (clipping by value). Clip by norm: rescale the whole vector so its length is at most maxNorm." },
        { value: BIG.flat(), hint: "Nothing changed: the joint norm here is √15.25 ≈ 3.9, above 1, so every entry must be scaled by about 1/3.9." },
      ], hint: "norm = √(sum of every g²); scale = min(1, maxNorm / (norm + 1e-6)); multiply every entry by scale." }],
      [smallLabel, { label: smallLabel, from: (a, read) => clipped(a, read, SMALL, 1, smallLabel), array: SMALL.flat(), mistakes: [
        { value: SMALL.flat().map((v) => v / Math.hypot(0.1, 0.2, 0.05)), hint: "The gradients were scaled UP to norm 1. Clipping only ever shrinks: when the norm is already below maxNorm, leave them alone (scale = min(1, …))." },
      ], hint: "This norm (≈ 0.23) is below 1: the gradients must come back unchanged." }],
    ],
  },
};
