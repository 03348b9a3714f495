// Test helpers for answer keys with a misconception catalogue: every catalogued mistake must fail with its own message.

import { expect, it } from "vitest";
import { check } from "./check";
import { keyFor } from "./keys/registry";
import { recordDisplays, thrown } from "./test-helpers";
import type { KeyItem } from "./key";

const lazy = (v: unknown): unknown => (typeof v === "function" ? (v as () => unknown)() : v);

/** The items of a grade id that take an answer as given (number or array), by name; computed items are tested on their own. */
function plainItems(gradeId: string): (readonly [string, KeyItem])[] {
  const items = keyFor(gradeId)!.items as (readonly [string, KeyItem])[];
  return items.filter(([, item]) => !("from" in item) && ("number" in item || "array" in item));
}

/** The expected answers of a grade id's number and array items, by name. */
export function rightAnswers(gradeId: string): { [name: string]: unknown } {
  return Object.fromEntries(plainItems(gradeId).map(([name, item]) => [name, lazy("number" in item ? item.number : "array" in item ? item.array : undefined)]));
}

/** The mistakes catalogued for one answer of a grade id. */
function mistakesOf(item: KeyItem): { value: unknown; hint: string }[] {
  return "mistakes" in item ? ((lazy(item.mistakes) as { value: unknown; hint: string }[] | undefined) ?? []) : [];
}

/** The message check(id) throws for `answers`, with the ✓ lines of the items that pass kept off the console. */
export function failureOf(id: string, answers: { [name: string]: unknown }): Error {
  const shown = recordDisplays();
  try {
    return thrown(() => check(id, () => answers));
  } finally {
    shown.stop();
  }
}

/**
 * Problems with a grade id's catalogue: the right answers must pass, and each catalogued mistake, put in place of its
 * answer with the others right, must fail with exactly its own message on the first line. Returns them, and how many
 * mistakes were tried.
 */
export function catalogueProblems(gradeId: string, answers: { [name: string]: unknown } = rightAnswers(gradeId)): { problems: string[]; tried: number } {
  const problems: string[] = [];
  let tried = 0;
  const shown = recordDisplays();
  try {
    check(gradeId, () => answers);
    for (const [name, item] of plainItems(gradeId)) {
      for (const mistake of mistakesOf(item)) {
        tried++;
        let error: Error;
        try {
          error = thrown(() => check(gradeId, () => ({ ...answers, [name]: mistake.value })));
        } catch {
          problems.push(`${gradeId} ${name}: passes although catalogued as "${mistake.hint}"`);
          continue;
        }
        const first = error.message.split("\n")[0];
        if (error.name !== "ExerciseError" || !first.endsWith(mistake.hint)) problems.push(`${gradeId} ${name}: "${mistake.hint}" is answered with "${first}"`);
      }
    }
  } finally {
    shown.stop();
  }
  return { problems, tried };
}

/** A test: `id`'s right answers pass and each catalogued mistake fails with its own message; at least `minimum` are tried. */
export function itNamesEveryMistake(id: string, minimum: number, answers: () => { [name: string]: unknown } = () => rightAnswers(id)): void {
  it(`${id}: the expected answers pass, and each catalogued mistake fails with its own message`, () => {
    const { problems, tried } = catalogueProblems(id, answers());
    expect(problems).toEqual([]);
    expect(tried).toBeGreaterThanOrEqual(minimum);
  });
}
