// Review questions of 06-vectorized-backprop and their answers, shown folded by selfCheck(id); kept here so no cell's source gives them away.

import type { ReviewTable } from "./review-table";

export const review06: ReviewTable = {
  "ch06-chain-rule-matrices": {
    question: "What is the chain rule, and how does backpropagation apply it? Write dL/dW₁ for a 3-layer network as a product of factors.",
    answer: "For nested functions y = f(x), L = g(y): dL/dx = dL/dy · dy/dx. Backprop applies it through the computational graph one layer at a time, from the loss back: for a 3-layer network, dL/dW₁ = dL/dA₃ · dA₃/dZ₃ · dZ₃/dA₂ · dA₂/dZ₂ · dZ₂/dA₁ · dA₁/dZ₁ · dZ₁/dW₁. Each factor is one layer's local derivative (activation slope or weight matrix), and the running product from the loss down to each layer is computed once and reused by the layer below.",
  },
  "ch06-shapes": {
    question: "Why does dL/dW₁ come out as dz1 @ Xᵀ and not Xᵀ @ dz1 or dz1ᵀ @ X? Use shapes.",
    answer: "dz1 is [4, 1] and X is [3, 1]; the gradient must have W1's shape [4, 3]. Only [4, 1] @ [1, 3] gives [4, 3]: that is dz1 @ Xᵀ. Entry (j, i) is dz1[j] · X[i], hidden unit j's δ times the input on wire i → j. Matching shapes is the fastest way to get the transposes right.",
  },
};
