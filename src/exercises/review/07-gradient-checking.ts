// Review questions of 07-gradient-checking and their answers, shown folded by selfCheck(id); kept here so no cell's source gives them away.

import type { ReviewTable } from "./review-table";

export const review07: ReviewTable = {
  "ch07-smallest-h": {
    question: "Why not take h as small as possible, say 1e-12, to make the numerical gradient exact?",
    answer: "Because the computer rounds. f(x + h) and f(x − h) then agree in almost all of their ~16 digits, and their difference is mostly rounding noise, about ε·|f|/h, which GROWS as h shrinks. The total error is the formula's error (~h² for centred differences) plus this rounding error (~ε/h). It is smallest in between, near h = 1e-5 in float64.",
  },
  "ch07-kink": {
    question: "A gradient check of a correct ReLU network reports a relative error of 3e-6 on one coordinate and 1e-10 on all the others. Bug or not?",
    answer: "Probably not. ReLU has a kink at 0: if one hidden unit's input lies within h of 0, the centred difference straddles the kink and averages two different slopes, while backprop uses one. An isolated 'kinks'-band error on a network with ReLU or max is expected; check with fewer examples or a different seed to see it move. A bug usually spoils whole parameter arrays.",
  },
  "ch07-check-once": {
    question: "Why do we gradient-check once, on a small network, rather than use numerical gradients for training?",
    answer: "Numerical gradients cost two forward passes per parameter (millions of passes per step for a real network) and are only approximate. Backprop gives every gradient exactly for one backward pass, a small constant multiple of one forward pass (notebook 11 measures it). So the numerical gradient serves as a slow, simple, independent reference: use it to verify the backward code, then train with backprop.",
  },
};
