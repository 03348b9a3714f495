// Answer key of 12-backprop-ninja: every gradient of the batch-norm network, expected from autograd, with the known wrong derivations.
//
// Expected values are autograd's gradients of the graph rebuilt from the notebook's seeds (ninja-reference.ts); each
// mistake is the same derivation with one known slip, computed from the reference forward values when a check runs.

import type { AnswerKey, ArrayItem } from "../key";
import type { Mistake } from "../check-number";
import type { ArrayAnswer } from "../check-array";
import type { Matrix } from "../../core/matrix";
import { gradOf, NINJA, ninjaGraph, valueOf } from "../ninja-reference";

const { N } = NINJA;
// Gradients here are as small as 1e-5: an absolute 1e-6 would wave a missing factor through. Rounding differs by ~1e-16.
const TOLERANCE = 1e-9;

type Name = "X" | "W1" | "b1" | "gamma" | "W2" | "hPre" | "diff" | "variance" | "std" | "xHat" | "hBn" | "h" | "counts" | "countsSum" | "probs" | "Y";
const v = (name: Name): Matrix => valueOf(ninjaGraph()[name]);
const d = (name: keyof ReturnType<typeof ninjaGraph>): Matrix => gradOf(ninjaGraph()[name]);

function item(expected: () => Matrix, mistakes: () => [Matrix, string][], hint: string): ArrayItem {
  return {
    array: expected,
    mistakes: (): Mistake<ArrayAnswer>[] => mistakes().map(([value, why]) => ({ value, hint: why })),
    hint,
    tolerance: TOLERANCE,
  };
}

const notSummed = (what: string, shape: string) =>
  `It still has one row per example. ${what} is shared by all ${N} rows of the batch, so its gradient sums their contributions: .sum(0) → ${shape}.`;

export const key12: AnswerKey = {
  "ch12-softmax": {
    items: [
      ["dlogProbs", item(() => d("logProbs"), () => [
        [v("Y").neg(), "The loss is the mean over the batch: every entry needs the factor 1/N."],
        [v("Y").div(N), "Wrong sign: the loss is minus the mean of the picked log-probabilities."],
        [v("Y").mul(0).sub(1 / N), "Only each example's correct class enters the loss (through the one-hot Y); the other log-probabilities get gradient 0."],
      ], "loss = −(1/N)·Σ logProbs ⊙ Y, so dlogProbs is −Y/N.")],
      ["dprobs", item(() => d("probs"), () => [
        [d("logProbs").mul(v("probs")), "The derivative of log p is 1/p: divide dlogProbs by probs, do not multiply."],
      ], "logProbs = log(probs): dprobs = dlogProbs / probs.")],
      ["dcountsSum", item(() => d("countsSum"), () => [
        [d("probs").mul(v("counts")).div(v("countsSum").mul(v("countsSum"))).neg(), "countsSum [N, 1] is used by every class of its row: sum over the classes with .sum(1)."],
        [d("probs").mul(v("counts")).div(v("countsSum").mul(v("countsSum"))).sum(1), "Wrong sign: d(1/s)/ds = −1/s²."],
        [d("probs").mul(v("counts")).div(v("countsSum")).sum(1).neg(), "d(1/s)/ds = −1/s²: the square is missing."],
      ], "probs = counts · (1/countsSum): dcountsSum = Σ over the row of −dprobs ⊙ counts / countsSum².")],
      ["dcounts", item(() => d("counts"), () => [
        [d("probs").div(v("countsSum")), "counts reaches the loss along two paths: directly in probs = counts / countsSum, and through countsSum. Add the second path's gradient, dcountsSum, to every column."],
        [d("countsSum").add(v("counts").mul(0)), "Only the path through countsSum is there; add the direct one, dprobs / countsSum."],
      ], "dcounts = dprobs / countsSum + dcountsSum (broadcast along the row).")],
      ["dlogits", item(() => d("logits"), () => [
        [d("counts"), "exp's local derivative is missing: d exp(x)/dx = exp(x), which is counts. Multiply."],
        [v("probs").div(N), "That is the softmax without the one-hot subtracted: dlogits = (P − Y)/N."],
        [v("probs").sub(v("Y")), "The factor 1/N of the mean is missing."],
        [v("Y").sub(v("probs")).div(N), "Wrong sign: it is P − Y, not Y − P."],
      ], "counts = exp(logits): dlogits = dcounts ⊙ counts. (It collapses to (P − Y)/N.)")],
    ],
  },
  "ch12-layer2": {
    items: [
      ["dh", item(() => d("h"), () => [], "logits = h·W2 + b2: dh = dlogits · W2ᵀ, [32, 10] @ [10, 24].")],
      ["dW2", item(() => d("W2"), () => [
        [d("W2").div(N), "dlogits already holds the 1/N of the mean: do not divide again."],
      ], "dW2 = hᵀ · dlogits, [24, 32] @ [32, 10].")],
      ["db2", item(() => d("b2"), () => [
        [d("logits"), notSummed("b2", "[1, 10]")],
        [d("logits").sum(1), "Summed along the classes (axis 1). b2 is added to every row, so sum over the rows: .sum(0)."],
        [d("b2").div(N), "That is the mean over the batch; the gradient of a shared bias is the sum (the 1/N is already in dlogits)."],
      ], "db2 = the column sums of dlogits.")],
    ],
  },
  "ch12-bn-affine": {
    items: [
      ["dhBn", item(() => d("hBn"), () => [
        [d("h"), "tanh's local derivative is missing: multiply dh by 1 − h²."],
        [d("h").mul(v("hBn").mul(v("hBn")).neg().add(1)), "1 − tanh(x)² must use tanh's output h, not its input hBn: 1 − h²."],
        [d("h").mul(v("h").neg().add(1)), "tanh′ is 1 − h², squared: 1 − h·h."],
      ], "h = tanh(hBn): dhBn = dh ⊙ (1 − h²).")],
      ["dgamma", item(() => d("gamma"), () => [
        [d("hBn").mul(v("xHat")), notSummed("gamma", "[1, 24]")],
        [d("hBn").sum(0), "That is dbeta. γ multiplies xHat, so dgamma = Σ over the batch of dhBn ⊙ xHat."],
        [d("hBn").mul(v("hBn")).sum(0), "Multiply by what γ scales, xHat, not by the output hBn."],
      ], "hBn = γ ⊙ xHat + β: dgamma = (dhBn ⊙ xHat).sum(0).")],
      ["dbeta", item(() => d("beta"), () => [
        [d("hBn"), notSummed("beta", "[1, 24]")],
        [d("beta").div(N), "That is the mean over the batch; a shared shift collects the sum."],
      ], "dbeta = dhBn.sum(0).")],
      ["dxHat", item(() => d("xHat"), () => [
        [d("hBn"), "γ is missing: hBn = γ ⊙ xHat + β, so dxHat = dhBn ⊙ γ. (γ is not 1 here, so leaving it out shows.)"],
      ], "dxHat = dhBn ⊙ γ, γ broadcast down the rows.")],
    ],
  },
  "ch12-bn-stats": {
    items: [
      ["dstd", item(() => d("std"), () => [
        [d("xHat").mul(v("diff")).div(v("std").mul(v("std"))).neg(), notSummed("std", "[1, 24]")],
        [d("std").neg(), "Wrong sign: d(a/s)/ds = −a/s²."],
        [d("xHat").mul(v("diff")).div(v("std")).sum(0).neg(), "d(a/s)/ds = −a/s²: the square is missing."],
      ], "xHat = diff / std: dstd = Σ over the batch of −dxHat ⊙ diff / std².")],
      ["dvariance", item(() => d("variance"), () => [
        [d("std").div(v("std")), "d√x/dx = 1/(2√x): the ½ is missing."],
        [d("std").mul(v("std")).mul(0.5), "d√x/dx = 1/(2√x): divide by 2·std, do not multiply."],
      ], "std = √(variance + ε): dvariance = dstd / (2·std).")],
      ["ddiffSq", item(() => d("diffSq"), () => [
        [d("variance").div(N - 1).add(v("diff").mul(0)), "Divided by N − 1 (Bessel's correction), but the forward pass took the plain mean, 1/N. The backward pass must differentiate the forward pass that ran."],
        [d("variance").add(v("diff").mul(0)), "variance is a mean over the batch: each diffSq entry gets 1/N of dvariance."],
        [d("variance").div(N), "One value per column: diffSq is [32, 24], so broadcast dvariance / N down all 32 rows."],
      ], "variance = diffSq.mean(0): ddiffSq = dvariance / N in every row.")],
      ["ddiff", item(() => d("diff"), () => [
        [d("xHat").div(v("std")), "The variance path is missing: diff feeds xHat directly and also diffSq → variance → std. Add 2·diff ⊙ ddiffSq."],
        [d("xHat").div(v("std")).add(v("diff").mul(d("diffSq"))), "d(diff²)/d diff = 2·diff: the 2 is missing."],
      ], "ddiff = dxHat / std + 2·diff ⊙ ddiffSq: one term per path.")],
      ["dmu", item(() => d("mu"), () => [
        [d("diff").sum(0), "Wrong sign: diff = hPre − mu, so mu's local derivative is −1."],
        [d("diff").neg(), notSummed("mu", "[1, 24]")],
      ], "dmu = −ddiff.sum(0).")],
      ["dhPre", item(() => d("hPre"), () => [
        [d("diff"), "The mean's path is missing (batch norm's mean treated as a constant): hPre also feeds mu, so add dmu / N to every row."],
        [d("diff").add(d("mu")), "mu is a mean: each row gets dmu / N, not dmu."],
        [d("xHat").div(v("std")), "Mean and variance were both treated as constants: only the direct path is there. Add the variance path to ddiff and the mean path here."],
        [d("xHat").div(v("std")).add(d("mu").div(N)), "The variance path is missing from ddiff: diff also feeds diffSq → variance → std."],
      ], "dhPre = ddiff + dmu / N (hPre feeds diff directly and through mu).")],
    ],
  },
  "ch12-layer1": {
    items: [
      ["dW1", item(() => d("W1"), () => [
        [v("X").T.matmul(d("diff")), "Built from ddiff: the mean's path is not in it yet. Use dhPre."],
        [v("X").T.matmul(d("hBn")), "Built from dhBn: batch norm's backward pass was skipped. Use dhPre."],
      ], "dW1 = Xᵀ · dhPre, [784, 32] @ [32, 24].")],
      ["db1", item(() => d("b1"), () => [
        [d("hPre"), notSummed("b1", "[1, 24]")],
        [d("diff").sum(0), "Summed ddiff, before the mean's path: sum dhPre."],
      ], "db1 = dhPre.sum(0). Look at its size and think about why.")],
      ["dX", item(() => d("X"), () => [], "dX = dhPre · W1ᵀ, [32, 24] @ [24, 784].")],
    ],
  },
  "ch12-fused": {
    items: [
      ["dhPreFused", item(() => d("hPre"), () => {
        const dy = d("hBn"), xHat = v("xHat"), inv = v("std").map((s) => 1 / s);
        const fused = (gain: Matrix | number, extra: number, meanTerm = 1, varTerm = 1) =>
          inv.mul(gain).div(N).mul(dy.mul(N).sub(dy.sum(0).mul(meanTerm)).sub(xHat.mul(dy.mul(xHat).sum(0)).mul(extra * varTerm)));
        const gamma = v("gamma");
        return [
          [fused(1, 1), "γ is missing: dxHat = γ ⊙ dhBn, so γ multiplies the whole expression."],
          [fused(gamma, N / (N - 1)), "The factor N/(N − 1) belongs to an unbiased variance; this forward pass divides by N."],
          [fused(gamma, 1, 1, 0), "The xHat·Σ(dhBn ⊙ xHat) term is missing: it is the variance's path."],
          [fused(gamma, 1, 0, 1), "The Σ dhBn term is missing: it is the mean's path."],
        ];
      }, "dhPre = γ/(N·std) ⊙ (N·dhBn − Σ dhBn − xHat ⊙ Σ(dhBn ⊙ xHat)), sums over the batch (axis 0).")],
    ],
  },
};
