// Review questions of 12-backprop-ninja and their answers, shown folded by selfCheck(id); kept here so no cell's source gives them away.

import type { ReviewTable } from "./review-table";

export const review12: ReviewTable = {
  "ch12-long-way": {
    question: "In notebook 08 you wrote the gradient at the scores in one line. Does your dlogits agree with it, and why is the long way worth doing once?",
    answer: "It is the same matrix: dlogits = (P − Y)/N. The five small steps (the −Y/N of the mean, the 1/p of the log, the two paths into counts, the −1/s² of the division, exp's own derivative) cancel into one subtraction. Doing it the long way once shows where that short formula comes from, and the same steps carry over to any loss that has no neat closed form.",
  },
  "ch12-db1-zero": {
    question: "Why is the gradient of b1 zero (up to rounding) in a network where batch normalization follows the first layer?",
    answer: "b1 adds the same number to every example's value of a hidden unit, and batch normalization subtracts that unit's mean over the batch straight away: the shift cancels, so b1 cannot change xHat or the loss at all. Its gradient, the column sum of dhPre, is zero because each column of dhPre sums to zero (the mean's path removes exactly the average). This is why layers followed by batch norm are usually built without a bias: β does its job.",
  },
  "ch12-diff-sums-to-zero": {
    question: "Σ over the batch of diff is 0 in every column. Which term of your backward pass does that make vanish?",
    answer: "In dmu = −Σ ddiff, the part of ddiff that came through the variance, 2·diff ⊙ ddiffSq, sums to 2·(dvariance/N)·Σ diff = 0. So dmu comes from the direct path dxHat/std alone; the variance path still matters for ddiff and dhPre themselves.",
  },
};
