// Every notebook's review questions in one frozen table, keyed by review id; selfCheck(id) reads it.

import type { ReviewQuestion, ReviewTable } from "./review-table";
import { hasOwn } from "../intrinsics";
import { mergeFrozen } from "../frozen-table";
import { review01 } from "./01-chain-rule";
import { review02 } from "./02-computational-graphs";
import { review03 } from "./03-trace-a-gradient";
import { review04 } from "./04-one-step-by-hand";
import { review04b } from "./04b-checking-a-backward-pass";
import { review05 } from "./05-scalar-autograd";
import { review06 } from "./06-vectorized-backprop";
import { review07 } from "./07-gradient-checking";
import { review08 } from "./08-two-layer-softmax";
import { review08b } from "./08b-sanity-checks-and-debugging";
import { review09 } from "./09-training-on-digits";
import { review10 } from "./10-vanishing-and-exploding";
import { review10b } from "./10b-exploding-gradients-and-clipping";
import { review11 } from "./11-why-backprop-is-fast";
import { review12 } from "./12-backprop-ninja";

const TABLES: readonly ReviewTable[] = [review01, review02, review03, review04, review04b, review05, review06, review07, review08, review08b, review09, review10, review10b, review11, review12];

const ALL = mergeFrozen<ReviewQuestion>("review questions", TABLES);

/** The question and answer of a review id, or undefined. */
export function reviewFor(reviewId: string): ReviewQuestion | undefined {
  return hasOwn(ALL, reviewId) ? ALL[reviewId] : undefined;
}

/** Every review id (for tests and error messages). */
export function reviewIds(): string[] {
  return Object.keys(ALL);
}
