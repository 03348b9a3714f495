// Answer key of 10-vanishing-and-exploding: the product bound of n equal factors.

import type { AnswerKey } from "../key";

export const key10: AnswerKey = {
  "ch10-product-bound": {
    items: [
      ["productBound", { function: (n, f) => f ** n, at: [[20, 0.8], [50, 0.25], [3, 2], [1, 0.5], [0, 0.8]], tolerance: 1e-9, mistakes: [
        { value: (n, f) => f * n, hint: "That multiplies the factor by n. A product of n equal factors is the factor to the power n: factor ** n." },
        { value: (n, f) => n ** f, hint: "Base and exponent are swapped: it is factor ** n, not n ** factor." },
        { value: (n, f) => f ** (n - 1), hint: "One factor short: a product of n factors has n of them, factor ** n." },
      ], hint: "A product of n equal factors: factor · factor · … · factor = factor ** n." }],
      ["depthBelowOnePercent", { number: 21, tolerance: 0, mistakes: [
        { value: 20, hint: "0.8^20 ≈ 0.0115 is still just above 0.01 (about 0.012). One more layer." },
        { value: 22, hint: "0.8^21 ≈ 0.0092 is already below 0.01." },
      ], hint: "Try productBound(n, 0.8) for n around 20." }],
    ],
  },
};
