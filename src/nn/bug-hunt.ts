/**
 * A gradient-checking bug hunt: a small two-layer ReLU/softmax net (CS231n's shape) whose backward pass comes in
 * five versions, the correct one and four suspects with one planted bug each, for notebook 07's learners to find
 * with a gradient check. Every layer is 3 wide (D = H = C = 3) so that a missing transpose still has the right
 * shape and only the numbers can give it away.
 */
import { matmul, Matrix } from "../core/matrix";
import { NumpyRandom } from "../core/random";
import { affineBackward, affineForward, reluBackward, reluForward, softmaxLoss } from "./two-layer-net";

export interface BugHuntNet {
  W1: Matrix; // [3, 3]  x W1 + b1
  b1: Matrix; // [1, 3]
  W2: Matrix; // [3, 3]
  b2: Matrix; // [1, 3]
  X: Matrix; // [5, 3]: five examples, one per row
  y: number[]; // five labels in 0..2
}

export type BugHuntGrads = { W1: Matrix; b1: Matrix; W2: Matrix; b2: Matrix };

/** "correct", or one of the four suspects. Which bug each suspect hides is the exercise; see SUSPECT_BUGS in the tests. */
export type Suspect = "correct" | "A" | "B" | "C" | "D";

export const SUSPECTS: readonly Suspect[] = ["A", "B", "C", "D"];

/** The net with seeded weights (numpy's randn · 0.5) and a seeded batch of five examples. */
export function bugHuntNet(seed = 7): BugHuntNet {
  const rng = new NumpyRandom(seed);
  const m = (r: number, c: number, scale: number) => new Matrix(r, c, rng.randn(r, c)).mul(scale);
  return { W1: m(3, 3, 0.5), b1: m(1, 3, 0.1), W2: m(3, 3, 0.5), b2: m(1, 3, 0.1), X: m(5, 3, 1), y: rng.randint(0, 3, 5) };
}

/** Mean softmax cross-entropy of the batch; reads the parameters' current data (gradCheck perturbs them in place). */
export function bugHuntLoss(net: BugHuntNet): number {
  const h = reluForward(affineForward(net.X, net.W1, net.b1).out).out;
  return softmaxLoss(affineForward(h, net.W2, net.b2).out, net.y).loss;
}

/** The gradients of bugHuntLoss by the chosen backward pass. */
export function bugHuntBackward(net: BugHuntNet, suspect: Suspect): BugHuntGrads {
  if (suspect !== "correct" && !SUSPECTS.includes(suspect)) {
    throw new Error(`bugHuntBackward: suspect must be "correct", "A", "B", "C" or "D", got ${JSON.stringify(suspect)}`);
  }
  const a1 = affineForward(net.X, net.W1, net.b1);
  const r = reluForward(a1.out);
  const a2 = affineForward(r.out, net.W2, net.b2);
  const { dScores } = softmaxLoss(a2.out, net.y); // already divided by N
  const g2 = affineBackward(dScores, a2.cache);
  let dW2 = g2.dW;
  let db2 = g2.db;
  if (suspect === "A") db2 = db2.neg();
  if (suspect === "B") dW2 = dW2.mul(1 / net.X.rows);
  const dHidden = suspect === "C" ? g2.dX : reluBackward(g2.dX, r.cache);
  const g1 = affineBackward(dHidden, a1.cache);
  const dW1 = suspect === "D" ? matmul(dHidden, net.X, { transA: true }) : g1.dW;
  return { W1: dW1, b1: g1.db, W2: dW2, b2: db2 };
}
