// Every notebook's answer key in one table, keyed by grade id; frozen so learner code cannot edit a key.

import type { AnswerKey, KeyEntry } from "../key";
import { hasOwn } from "../intrinsics";
import { mergeFrozen } from "../frozen-table";
import { key01 } from "./01-chain-rule";
import { key02 } from "./02-computational-graphs";
import { key03 } from "./03-trace-a-gradient";
import { key04 } from "./04-one-step-by-hand";
import { key05 } from "./05-scalar-autograd";
import { key05Mlp } from "./05-scalar-mlp";
import { key06 } from "./06-vectorized-backprop";
import { key07 } from "./07-gradient-checking";
import { key08 } from "./08-two-layer-softmax";
import { key08b } from "./08b-sanity-checks-and-debugging";
import { key09 } from "./09-training-on-digits";
import { key10 } from "./10-vanishing-and-exploding";
import { key10b } from "./10b-exploding-gradients-and-clipping";
import { key11 } from "./11-why-backprop-is-fast";
import { key12 } from "./12-backprop-ninja";

const NOTEBOOK_KEYS: readonly AnswerKey[] = [key01, key02, key03, key04, key05, key05Mlp, key06, key07, key08, key08b, key09, key10, key10b, key11, key12];

const ALL = mergeFrozen<KeyEntry>("answer keys", NOTEBOOK_KEYS);

/** The key entry of a check's grade id, or undefined. */
export function keyFor(gradeId: string): KeyEntry | undefined {
  return hasOwn(ALL, gradeId) ? ALL[gradeId] : undefined;
}

/** Every grade id that has a key (for tests and error messages). */
export function keyedGradeIds(): string[] {
  return Object.keys(ALL);
}

/** The answer cell's grade id a check belongs to (itself unless the key says otherwise). */
export function answerIdOf(gradeId: string): string {
  const entry = keyFor(gradeId);
  return entry?.answer ?? gradeId;
}
