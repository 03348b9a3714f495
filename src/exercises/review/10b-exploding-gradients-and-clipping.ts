// Review questions of 10b-exploding-gradients-and-clipping and their answers, shown folded by selfCheck(id); kept here so no cell's source gives them away.

import type { ReviewTable } from "./review-table";

export const review10b: ReviewTable = {
  "ch10-explosion-clipping": {
    question: "What is gradient explosion, and how is gradient clipping different from weight decay in dealing with it?",
    answer: "Gradient explosion: when the per-layer factors are above 1, gradients grow exponentially with depth (common in recurrent networks, and with too-large initial weights); updates become huge and the loss turns into inf or NaN. Gradient clipping rescales the gradient vector to at most max_norm after it is computed and before the optimizer's step: it directly limits each update, reacting only when a gradient is too long. Weight decay adds λ‖W‖² to the loss, pulling the weights toward zero at every step of training: it prevents large weights (and so large activations and gradients) from building up, but cannot stop a blow-up that happens in a few steps. Clipping is reactive, weight decay is preventive.",
  },
};
