// Every notebook's answer key in one table, keyed by grade id; frozen so learner code cannot edit a key.

import type { AnswerKey, KeyEntry } from "../key";
import { freeze, hasOwn, ownKeys } from "../intrinsics";
import { key03 } from "./03-trace-a-gradient";
import { key04 } from "./04-one-step-by-hand";
import { key08 } from "./08-two-layer-softmax";

const NOTEBOOK_KEYS: readonly AnswerKey[] = [key03, key04, key08];

function deepFreeze(value: unknown): void {
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return;
  freeze(value);
  if (typeof value === "function") return;
  const keys = ownKeys(value as object);
  for (let i = 0; i < keys.length; i++) deepFreeze((value as { [k: string | symbol]: unknown })[keys[i]]);
}

function merge(keys: readonly AnswerKey[]): { [gradeId: string]: KeyEntry } {
  const all: { [gradeId: string]: KeyEntry } = { __proto__: null } as never;
  for (const key of keys) {
    for (const id of Object.keys(key)) {
      if (hasOwn(all, id)) throw new Error(`answer keys: grade id "${id}" appears in two keys`);
      all[id] = key[id];
    }
  }
  deepFreeze(all);
  return all;
}

const ALL = merge(NOTEBOOK_KEYS);

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
