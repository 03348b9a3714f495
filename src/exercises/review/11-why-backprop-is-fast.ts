// Review questions of 11-why-backprop-is-fast and their answers, shown folded by selfCheck(id); kept here so no cell's source gives them away.

import type { ReviewTable } from "./review-table";

export const review11: ReviewTable = {
  "ch11-backward-cost": {
    question: "What is the computational cost of one backpropagation pass relative to one forward pass?",
    answer: "A small constant multiple of one forward pass: about 2× in arithmetic, and the measurement above gives this machine's ratio. The forward pass computes each layer's activations, one matrix product per layer. The backward pass does two per layer: the gradient with respect to the layer's input (dX = dY Wᵀ), similar to the forward product, and the gradient with respect to its weights (dW = Xᵀ dY, a sum of outer products of activations and upstream gradients). So one training step (forward + backward) costs a few inference steps, never a number that grows with the parameter count. And the activations of the forward pass must be stored for the backward pass, which is why training needs much more memory than inference.",
  },
  "ch11-forward-reverse-mode": {
    question: "What is the difference between forward-mode and reverse-mode automatic differentiation, and why do neural networks use reverse mode?",
    answer: "Forward mode carries derivatives along with the forward pass, with respect to ONE input direction at a time: efficient when there are few inputs and many outputs. Reverse mode (backpropagation) runs a backward pass from ONE output and gets its derivative with respect to ALL inputs: efficient when there are many inputs and few outputs. A network has millions of parameters (inputs of the loss) and one scalar loss, so reverse mode costs one forward and one backward pass in total, a small constant multiple of one forward pass (measured above), while forward mode would need one pass per parameter, O(parameters × forward pass).",
  },
};
