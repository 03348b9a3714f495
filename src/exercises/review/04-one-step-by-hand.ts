// Review questions of 04-one-step-by-hand and their answers, shown folded by selfCheck(id); kept here so no cell's source gives them away.

import type { ReviewTable } from "./review-table";

export const review04: ReviewTable = {
  "ch04-transpose": {
    question: "Why does the matrix form δ_prev = (Wᵀ δ_next) ⊙ σ'(z) use the TRANSPOSE of the forward weight matrix?",
    answer: "In the forward pass W maps the previous layer to the next: row j of W collects the wires INTO neuron j. Going backward, each previous neuron must collect the δs of every neuron it fed, weighted by the same wires: that is a column of W, i.e. a row of Wᵀ. The transpose routes each error back along the wire it came in on; ⊙ σ'(z) then multiplies in each neuron's own local slope.",
  },
};
