// Review questions of 02-computational-graphs and their answers, shown folded by selfCheck(id); kept here so no cell's source gives them away.

import type { ReviewTable } from "./review-table";

export const review02: ReviewTable = {
  "ch02-local-global": {
    question: "What is the difference between a node's local gradient and its global gradient?",
    answer: "The local gradient is the derivative of the node's output with respect to its own immediate inputs (for q = x + y: ∂q/∂x = 1). The global gradient is the derivative of the final output (the loss) with respect to that node. Global gradient of an input = upstream (global) gradient of the node × local gradient.",
  },
  "ch02-seed-one": {
    question: "Why does the backward pass start with the number 1?",
    answer: "It starts at the output with the derivative of the output with respect to itself, ∂L/∂L = 1: nudging L by ε moves L by ε. Every other gradient is this 1 multiplied by local gradients along the way.",
  },
  "ch02-add-mul-nodes": {
    question: "What does an addition node do to the gradient flowing through it? A multiplication node?",
    answer: "Addition distributes: each input receives the upstream gradient unchanged (local gradients are 1). Multiplication swaps: each input receives the upstream gradient times the other input's value.",
  },
  "ch02-two-uses": {
    question: "A value is used by two operations. How does its gradient combine, and what happens if you call backward() twice without zeroing?",
    answer: "The gradients from both paths are added (the multivariable chain rule sums over paths), which is why backward accumulates with +=. For the same reason a second backward() without zeroGrad() adds the same gradients again and doubles them.",
  },
};
