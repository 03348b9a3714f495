// Review questions of 08-two-layer-softmax and their answers, shown folded by selfCheck(id); kept here so no cell's source gives them away.

import type { ReviewTable } from "./review-table";

export const review08: ReviewTable = {
  "ch08-rows-sum-zero": {
    question: "Each row of dScores sums to exactly 0. Why?",
    answer: "A row of P sums to 1 (it is a probability distribution) and a row of Y holds a single 1, so each row of P − Y sums to 1 − 1 = 0. Dividing by N keeps it 0. Adding the same constant to every score of a row leaves the softmax unchanged, so the loss cannot change in that direction, and its gradient has no component along it.",
  },
  "ch08-confident-example": {
    question: "What does dScores look like for an example the network already classifies confidently and correctly?",
    answer: "P is close to the one-hot Y for that row, so P − Y is close to 0 everywhere: a well-learned example sends almost no gradient back. Training effort goes to the examples that are still wrong or unsure.",
  },
  "ch08-transposes": {
    question: "In the backward pass, where does each transpose come from?",
    answer: "From the shapes. In S = h W2, the gradient dW2 must have W2's shape [H, C], and the only product of h [N, H] and dS [N, C] with that shape is hᵀ dS. Likewise dh must be [N, H] like h, so it is dS W2ᵀ. A gradient always has the shape of the value it belongs to.",
  },
};
