// Review questions of 08-two-layer-softmax and 08b-sanity-checks-and-debugging and their answers, shown folded by selfCheck(id); kept here so no cell's source gives them away.

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
  "ch08-start-loss": {
    question: "What loss should a freshly initialized 10-class network start near, and why? What would an initial loss of 30 tell you?",
    answer: "Tiny weights make every score almost 0, so softmax gives every class probability about 1/10 and each example's loss is −log(1/10) = ln 10. A loss of 30 means the network starts confidently wrong: its correct-class probabilities are around e^−30. Usually the weights were initialized far too large (or the loss is computed wrongly).",
  },
  "ch08-tiny-check": {
    question: "Why run the gradient check on a tiny network, a batch of 5 and with regularization off?",
    answer: "A tiny problem makes the check fast (two forward passes per parameter) and the numbers readable, so a wrong entry can be traced by hand. Regularization off keeps its large, easy gradient reg·W from hiding a small bug in the data-loss gradient; turn it on and check again afterwards.",
  },
  "ch08-transposes": {
    question: "In the backward pass, where does each transpose come from?",
    answer: "From the shapes. In S = h W2, the gradient dW2 must have W2's shape [H, C], and the only product of h [N, H] and dS [N, C] with that shape is hᵀ dS. Likewise dh must be [N, H] like h, so it is dS W2ᵀ. A gradient always has the shape of the value it belongs to.",
  },
};
