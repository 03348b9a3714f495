// Test helper for answer keys: runs every catalogued mistake of a grade id through check and lists the ones not named.

import { check } from "./check";
import { keyFor } from "./keys/registry";
import { recordDisplays, thrown } from "./test-helpers";
import type { KeyItem } from "./key";

const lazy = (v: unknown): unknown => (typeof v === "function" ? (v as () => unknown)() : v);

/** The expected answers of a grade id's number and array items, by name. */
export function rightAnswers(gradeId: string): { [name: string]: unknown } {
  const items = keyFor(gradeId)!.items as (readonly [string, KeyItem])[];
  const out: { [name: string]: unknown } = {};
  for (const [name, item] of items) {
    if ("number" in item) out[name] = lazy(item.number);
    else if ("array" in item) out[name] = lazy(item.array);
  }
  return out;
}

/** The mistakes catalogued for one answer of a grade id. */
export function mistakesOf(gradeId: string, name: string): { value: unknown; hint: string }[] {
  const item = (keyFor(gradeId)!.items as (readonly [string, KeyItem])[]).find(([n]) => n === name)?.[1];
  if (item === undefined || !("mistakes" in item)) return [];
  return (lazy(item.mistakes) as { value: unknown; hint: string }[] | undefined) ?? [];
}

/**
 * Problems with a grade id's catalogue: the right answers must pass, and each catalogued mistake, put in place of its
 * answer with the others right, must fail with its own message on the first line (not one listed before it).
 */
export function catalogueProblems(gradeId: string): string[] {
  const right = rightAnswers(gradeId);
  const problems: string[] = [];
  const shown = recordDisplays(); // the ✓ lines of passing answers, kept off the console
  try {
    check(gradeId, () => right);
    for (const name of Object.keys(right)) {
      for (const mistake of mistakesOf(gradeId, name)) {
        let error: Error;
        try {
          error = thrown(() => check(gradeId, () => ({ ...right, [name]: mistake.value })));
        } catch {
          problems.push(`${gradeId} ${name}: passes although catalogued as "${mistake.hint}"`);
          continue;
        }
        if (error.name !== "ExerciseError" || !error.message.split("\n")[0].includes(mistake.hint)) {
          problems.push(`${gradeId} ${name}: "${mistake.hint}" is answered with "${error.message.split("\n")[0]}"`);
        }
      }
    }
  } finally {
    shown.stop();
  }
  return problems;
}
