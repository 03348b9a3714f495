// Review questions of 08b-sanity-checks-and-debugging and their answers, shown folded by selfCheck(id); kept here so no cell's source gives them away.

import type { ReviewTable } from "./review-table";

export const review08b: ReviewTable = {
  "ch08-start-loss": {
    question: "What loss should a freshly initialized 10-class network start near, and why? What would an initial loss of 30 tell you?",
    answer: "Tiny weights make every score almost 0, so softmax gives every class probability about 1/10 and each example's loss is −log(1/10) = ln 10. A loss of 30 means the network starts confidently wrong: its correct-class probabilities are around e^−30. Usually the weights were initialized far too large (or the loss is computed wrongly).",
  },
  "ch08-tiny-check": {
    question: "Why run the gradient check on a tiny network, a batch of 5 and with regularization off?",
    answer: "A tiny problem makes the check fast (two forward passes per parameter) and the numbers readable, so a wrong entry can be traced by hand. Regularization off keeps its large, easy gradient reg·W from hiding a small bug in the data-loss gradient; turn it on and check again afterwards.",
  },
};
