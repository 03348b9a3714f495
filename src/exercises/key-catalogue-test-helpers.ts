// Test helpers for answer keys with a misconception catalogue: every catalogued mistake must fail with its own message.

import { expect, it } from "vitest";
import { check } from "./check";
import { keyFor } from "./keys/registry";
import { recordDisplays, thrown } from "./test-helpers";
import type { ArrayItem } from "./key";
import type { ArrayAnswer } from "./check-array";
import type { Mistake } from "./check-number";

export const lazy = <T>(v: T | (() => T)): T => (typeof v === "function" ? (v as () => T)() : v);

/** The expected answers of a key entry whose items are all plain arrays, by name. */
export function rightAnswers(id: string): { [name: string]: unknown } {
  const items = keyFor(id)!.items as (readonly [string, ArrayItem])[];
  return Object.fromEntries(items.filter(([, item]) => !("from" in item)).map(([name, item]) => [name, lazy(item.array)]));
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
 * For each array item of `id`: the right answers pass, and swapping in one catalogued mistake fails with exactly that
 * mistake's message (so no two mistakes share a value, and none equals the answer); at least `minimum` are tried.
 */
export function itNamesEveryMistake(id: string, minimum: number, answers: () => { [name: string]: unknown } = () => rightAnswers(id)): void {
  it(`${id}: the expected answers pass, and each catalogued mistake fails with its own message`, () => {
    const items = keyFor(id)!.items as (readonly [string, ArrayItem])[];
    const right = answers();
    const shown = recordDisplays();
    let tried = 0;
    try {
      check(id, () => right);
      expect(shown.bundles.length).toBe(items.length);
      for (const [name, item] of items) {
        if ("from" in item) continue; // a computed item (a shape) is tested on its own
        for (const mistake of lazy(item.mistakes ?? []) as readonly Mistake<ArrayAnswer>[]) {
          const error = thrown(() => check(id, () => ({ ...right, [name]: mistake.value })));
          expect(error.name, `${id} ${name}: ${mistake.hint}`).toBe("ExerciseError");
          expect(error.message.split("\n")[0], `${id} ${name}`).toBe(`${name} is not right. ${mistake.hint}`);
          tried++;
        }
      }
    } finally {
      shown.stop();
    }
    expect(tried).toBeGreaterThanOrEqual(minimum);
  });
}
