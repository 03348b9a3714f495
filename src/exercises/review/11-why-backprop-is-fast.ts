// Review questions of 11-why-backprop-is-fast and their answers, shown folded by selfCheck(id); kept here so no cell's source gives them away.

import type { ReviewTable } from "./review-table";

export const review11: ReviewTable = {
  "ch11-backward-cost": {
    question: "What is the computational cost of one backpropagation pass relative to one forward pass?",
    answer: "A small constant multiple of one forward pass: about 2× in arithmetic, and the measurement above gives this machine's ratio. The forward pass computes each layer's activations, one matrix product per layer. The backward pass does two per layer: the gradient with respect to the layer's input (dX = dY Wᵀ), similar to the forward product, and the gradient with respect to its weights (dW = Xᵀ dY, a sum of outer products of activations and upstream gradients). So one training step (forward + backward) costs a few inference steps, never a number that grows with the parameter count. And the activations of the forward pass must be stored for the backward pass, which is why training needs much more memory than inference.",
  },
  "ch11-efficiency": {
    question: "Why is backpropagation more efficient than computing each gradient separately?",
    answer: "Computing each gradient separately needs at least one pass through the network per parameter (two, with central differences): N parameters, N passes or more. Backpropagation computes all N gradients in one backward pass by reusing intermediate results: the gradient of the loss with respect to each layer's activations is computed once and then used by every earlier layer and every weight that feeds it. One forward pass plus one backward pass (a small constant multiple of one forward pass of work) replaces N of them, a factor of about N.",
  },
};
