// Review questions of 10-vanishing-and-exploding and their answers, shown folded by selfCheck(id); kept here so no cell's source gives them away.

import type { ReviewTable } from "./review-table";

export const review10: ReviewTable = {
  "ch10-last-layer": {
    question: "In the sigmoid network's chart, the last layer's gradient is healthy. Why can't the last layer alone learn the spirals?",
    answer: "The last layer only draws a linear boundary through the features the layers below hand it. Those features come from layers whose weights are still essentially random, because their gradients are tiny: layer 4's is about a millionth of the last layer's, and layer 1's a few billionths. The spirals are not linearly separable in a random feature space of that kind, so the loss stays near ln 3.",
  },
  "ch10-vanishing": {
    question: "What is the vanishing gradient problem, and how do modern architectures deal with it?",
    answer: "Backpropagation multiplies one local derivative per layer; when those factors are below 1 (a sigmoid's slope is at most 0.25) the gradient shrinks exponentially toward the input: with 50 sigmoid layers the first layer's gradient is around 0.25^50 ≈ 10^-30, and it does not learn. Modern networks use ReLU (slope 1 where active, so active paths do not shrink the gradient), residual connections (x + f(x) passes the gradient back with a factor 1 + f'), normalization layers (batch norm, layer norm: pre-activations stay in a healthy range), and careful initialization (Xavier, He) so that each layer keeps the variance of its signal.",
  },
  "ch10-deep-sigmoid": {
    question: "What happens to gradients in a very deep network using sigmoid activations, and why? (Compare with your written answer.)",
    answer: "They vanish: the gradient reaching the early layers is exponentially smaller than at the output, so those layers barely learn. Backpropagation multiplies one local derivative per layer, and the sigmoid's derivative σ(1 − σ) is never above 0.25 and near 0 when a unit saturates. A product of many factors below 1 shrinks geometrically: 0.8^20 ≈ 0.012, and 0.25^50 ≈ 10^-30. The cures: ReLU, Xavier/He initialization, residual connections, batch normalization.",
  },
};
