// Review questions of 04-one-step-by-hand and 04b-checking-a-backward-pass and their answers, shown folded by selfCheck(id); kept here so no cell's source gives them away.

import type { ReviewTable } from "./review-table";

export const review04: ReviewTable = {
  "ch04-transpose": {
    question: "Why does the matrix form δ_prev = (Wᵀ δ_next) ⊙ σ'(z) use the TRANSPOSE of the forward weight matrix?",
    answer: "In the forward pass W maps the previous layer to the next: row j of W collects the wires INTO neuron j. Going backward, each previous neuron must collect the δs of every neuron it fed, weighted by the same wires: that is a column of W, i.e. a row of Wᵀ. The transpose routes each error back along the wire it came in on; ⊙ σ'(z) then multiplies in each neuron's own local slope.",
  },
  "ch04-saturated-output": {
    question: "If ŷ were 0.999 (a saturated output) but the target were 0, would the output weights learn fast?",
    answer: "No. The error ŷ − y ≈ 1 is large, but σ'(z_o) = ŷ(1 − ŷ) ≈ 0.001, so δo ≈ 0.001 and every gradient is tiny: the saturated sigmoid throttles learning exactly when it is most wrong. (This is one reason real networks pair sigmoid outputs with a cross-entropy loss, whose gradient cancels that σ', or use ReLU inside.)",
  },
};
