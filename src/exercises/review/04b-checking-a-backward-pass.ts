// Review questions of 04b-checking-a-backward-pass and their answers, shown folded by selfCheck(id); kept here so no cell's source gives them away.

import type { ReviewTable } from "./review-table";

export const review04b: ReviewTable = {
  "ch04-saturated-output": {
    question: "If ŷ were 0.999 (a saturated output) but the target were 0, would the output weights learn fast?",
    answer: "No. The error ŷ − y ≈ 1 is large, but σ'(z_o) = ŷ(1 − ŷ) ≈ 0.001, so δo ≈ 0.001 and every gradient is tiny: the saturated sigmoid throttles learning exactly when it is most wrong. (This is one reason real networks pair sigmoid outputs with a cross-entropy loss, whose gradient cancels that σ', or use ReLU inside.)",
  },
};
