// Review questions of 03-trace-a-gradient and their answers, shown folded by selfCheck(id); kept here so no cell's source gives them away.

import type { ReviewTable } from "./review-table";

export const review03: ReviewTable = {
  "ch03-target-one-sign": {
    question: "With the same network and weights, but target y = 1 instead of 3, what sign would ∂L/∂w1 have, and which way would the update move w1?",
    answer: "z2 = 1.5 would be above the target, so ∂L/∂z2 = 2(1.5 − 1) = 1 is positive; the other three factors (w2, the open ReLU's slope, x) are unchanged and positive, so ∂L/∂w1 > 0 and the update w1 − α·∂L/∂w1 shrinks w1, lowering the prediction toward 1.",
  },
  "ch03-negative-w1": {
    question: "And with w1 = −0.5 instead of 0.5 (target 3 again)?",
    answer: "z1 = −1 < 0, so the ReLU is closed: a1 = 0, z2 = b2 = 0, L = 9. The factor ∂a1/∂z1 is 0, so ∂L/∂w1 = 0 and the update does not move w1 at all, even though the loss is large. This is the dead-ReLU case from the chart above.",
  },
  "ch03-forward-values": {
    question: "The four factors were computed from z1, a1 and z2. Why must those be the values from the forward pass with the old w1, not the new one?",
    answer: "The chain rule evaluates each local derivative at the point the forward pass went through. The gradient describes the loss around the current weights; computing it with some updated values mixes two different points and gives a number that is the gradient of neither. Frameworks therefore cache the forward values and update the weights only after the whole backward pass.",
  },
};
