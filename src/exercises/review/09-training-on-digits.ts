// Review questions of 09-training-on-digits and their answers, shown folded by selfCheck(id); kept here so no cell's source gives them away.

import type { ReviewTable } from "./review-table";

export const review09: ReviewTable = {
  "ch09-shuffle": {
    question: "Why shuffle the training data at the start of every epoch?",
    answer: "So that each epoch cuts different minibatches. With a fixed order every epoch repeats the same sequence of updates, and any pattern in the order (say, all the 0s first) pushes the weights one way and then another. Shuffling makes each minibatch gradient an unbiased, noisy estimate of the full-data gradient.",
  },
  "ch09-test-set": {
    question: "Why not choose the learning rate by looking at test accuracy?",
    answer: "Then the test set would be part of training: the settings would be tuned to those particular 1,000 digits, and the reported accuracy would be optimistic. Choices are made on validation data; the test set is used once, at the end, so that its number says how the network does on digits nobody looked at.",
  },
  "ch09-overfit": {
    question: "Training accuracy reaches 99% while validation accuracy stays at 96%. What is going on, and what could you try?",
    answer: "The network fits details of the training digits that do not carry over to new ones: a mild case of overfitting. More training data, stronger L2 regularization (or dropout), a smaller network, or stopping at the epoch where validation accuracy peaks all narrow the gap.",
  },
};
