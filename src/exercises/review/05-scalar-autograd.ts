// Review questions of 05-scalar-autograd and their answers, shown folded by selfCheck(id); kept here so no cell's source gives them away.

import type { ReviewTable } from "./review-table";

export const review05: ReviewTable = {
  "ch05-reverse-order": {
    question: "Why does backward walk the nodes in REVERSE topological order, and what would go wrong in forward order?",
    answer: "A node's backwardStep spreads its grad to its children, so its grad must be complete first, i.e. every node that uses it must already have run. Reverse topological order guarantees that: every consumer of a node comes after it in the order, so before it in the reverse walk. In forward order, a node would push its gradient down while it was still 0 (or only partly summed), and the children would get too little.",
  },
  "ch05-local-global": {
    question: "Local vs global gradient: at the node n (the tanh's input) in the neuron above, what is the local gradient of o with respect to n, what is the global gradient ∂o/∂n, and how are they related to the upstream gradient?",
    answer: "The local gradient is tanh'(n) = 1 − o², the derivative of the one operation that reads n. The global gradient ∂o/∂n is the upstream gradient (∂o/∂o = 1) times that local gradient, so here the two are equal: the number your n.grad holds. In general: global gradient at a node = upstream gradient × local gradient, summed over every operation that uses the node.",
  },
};
