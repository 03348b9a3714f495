// Review questions of 01-chain-rule and their answers, shown folded by selfCheck(id); kept here so no cell's source gives them away.

import type { ReviewTable } from "./review-table";

export const review01: ReviewTable = {
  "ch01-derivative-meaning": {
    question: "What does the derivative of the loss with respect to one weight tell you, in words?",
    answer: "How the loss responds to a small nudge of that weight: the sign says whether the loss goes up or down when the weight grows, the size says how fast. A negative derivative means: increase the weight to lower the loss.",
  },
  "ch01-chain-rule": {
    question: "What is the chain rule, and how does backpropagation use it?",
    answer: "For a composition y = f(g(x)), dy/dx = (dy/dg)(dg/dx): the derivative is the product of the local derivatives along the chain. A network is a long composition (loss of output of last layer of … of the input), so the gradient of the loss with respect to any weight is the product of the local derivatives from the loss back to that weight. Backpropagation computes these products systematically, from the output backwards.",
  },
  "ch01-zero-gradient": {
    question: "Why can the first-layer weight w1 get a gradient of exactly zero, even when the loss is large?",
    answer: "The chain passes through ReLU. When z1 < 0 the ReLU outputs 0 whatever w1 is, its local derivative is 0, and a single zero factor makes the whole product zero. The hidden unit is off for this example, so w1 cannot affect the loss.",
  },
  "ch01-central-difference": {
    question: "Why is the central difference more accurate than the forward difference with the same h?",
    answer: "The forward difference is off by a term proportional to h (half the second derivative times h). Taking f(x + h) − f(x − h) cancels that term by symmetry, leaving an error proportional to h².",
  },
};
