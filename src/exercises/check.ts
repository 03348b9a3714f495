// check(gradeId, () => ({ …answers })): a test cell's one call; expected values, mistakes and hints come from the answer key.
//
// The answers arrive in a thunk so that a name no cell has declared yet (an unanswered exercise, or an answer
// cell that threw) reaches check as a ReferenceError it can turn into "not answered yet", instead of stopping
// the test cell (the kernel runs a cell whose only problem is such names; see src/kernel/compiler.ts).
// Answers are read as plain data (answer-data.ts). Hints escalate per grade id: the first failure says what
// is wrong, the second adds the key's hint, later ones its further hint and, in a workspace, showSolution.

import { apply, ErrorCtor, freeze, getOwnPropertyDescriptor, hasOwn, isArray, ownKeys } from "./intrinsics";
import { ExerciseError, NotAnsweredError, isExerciseError } from "./errors";
import { readAnswer } from "./answer-data";
import { checkNumber } from "./check-number";
import { checkArray } from "./check-array";
import { checkBoolean, checkChoice, checkMatching } from "./check-choice";
import { checkDerivative, checkFunction } from "./check-function";
import { keyFor } from "./keys/registry";
import type { KeyEntry, KeyItem } from "./key";
import { recordProgress } from "./progress";
import { solutionsAvailable } from "./solution";
import { isStubError, messageOf } from "./stub-message";

const ReferenceErrorCtor = ReferenceError;
const failures = new Map<string, number>();
const mapGet = Map.prototype.get;
const mapSet = Map.prototype.set;

/** The name in "z1 is not defined" or "Cannot access 'z1' before initialization", else undefined. */
function unreadName(error: unknown): string | undefined {
  if (!(error instanceof ReferenceErrorCtor)) return undefined;
  const message = messageOf(error);
  const suffix = " is not defined";
  if (message.length > suffix.length && message.slice(message.length - suffix.length) === suffix) return message.slice(0, message.length - suffix.length);
  const prefix = "Cannot access '";
  const tail = "' before initialization";
  if (message.slice(0, prefix.length) === prefix && message.slice(message.length - tail.length) === tail) {
    return message.slice(prefix.length, message.length - tail.length);
  }
  return undefined;
}

function notAnsweredYet(name: string, gradeId: string, entry: KeyEntry): never {
  throw new NotAnsweredError(`\`${name}\` is not answered yet: fill in the cell above (${entry.answer ?? gradeId})`);
}

function lazy<T>(value: T | (() => T)): T {
  return typeof value === "function" ? (apply(value as () => T, undefined, []) as T) : value;
}

function mistakesOf<T>(mistakes: T | (() => T) | undefined): T | undefined {
  return mistakes === undefined ? undefined : lazy(mistakes);
}

/** Runs the checker the item's kind asks for; throws ExerciseError on a wrong answer. */
function runItem(name: string, item: KeyItem, answers: { readonly [name: string]: unknown }, raw: { readonly [name: string]: unknown }): void {
  let answer = answers[name];
  if ("from" in item) {
    name = item.label;
    try {
      answer = apply(item.from, undefined, [answers, readAnswer, raw]);
    } catch (error) {
      if (isStubError(error) || isExerciseError(error)) throw error;
      throw new ExerciseError(`${item.label} threw: ${messageOf(error) || `${error}`}`);
    }
  }
  if ("number" in item) {
    checkNumber(name, answer, lazy(item.number), { mistakes: mistakesOf(item.mistakes), tolerance: item.tolerance });
  } else if ("array" in item) {
    checkArray(name, answer, lazy(item.array), { mistakes: mistakesOf(item.mistakes), tolerance: item.tolerance });
  } else if ("boolean" in item) {
    // A true/false answer has no mistakes to tell apart: its hint is the only explanation, so it comes at once.
    checkBoolean(name, answer, item.boolean, { hint: item.hint });
  } else if ("choice" in item) {
    checkChoice(name, answer, item.choice, { choices: item.choices, hints: item.hints });
  } else if ("matching" in item) {
    checkMatching(name, answer, item.matching, { hints: item.hints });
  } else if ("function" in item) {
    checkFunction(name, answer, item.function, { at: item.at, mistakes: item.mistakes, tolerance: item.tolerance });
  } else {
    checkDerivative(name, answer, item.derivativeOf, { at: item.at, tolerance: item.tolerance });
  }
}

/** More help each time the same check fails again (the failure count lives as long as the kernel). */
function escalate(gradeId: string, item: KeyItem, message: string): string {
  const count = ((apply(mapGet, failures, [gradeId]) as number | undefined) ?? 0) + 1;
  apply(mapSet, failures, [gradeId, count]);
  let out = message;
  if (count >= 2 && item.hint && !("boolean" in item)) out += `\nHint: ${item.hint}`;
  if (count >= 3 && item.more) out += `\nMore: ${item.more}`;
  if (count >= 3 && solutionsAvailable()) out += `\nStill stuck? showSolution("${gradeId}") shows a worked solution.`;
  return out;
}

/** Checks the answers of exercise `gradeId` against its answer key; ✓ per answer, or one specific error. */
export function check(gradeId: string, read: () => { [name: string]: unknown }): void {
  if (typeof gradeId !== "string") throw new ErrorCtor(`check: gradeId must be a string like "ch03-forward", got ${typeof gradeId}`);
  const entry = keyFor(gradeId);
  if (entry === undefined) throw new ErrorCtor(`check: no answer key for grade id "${gradeId}"`);
  if (typeof read !== "function") throw new ErrorCtor(`check: answers for "${gradeId}" must be a function returning them, like () => ({ z1, a1 })`);
  let given: unknown;
  try {
    given = apply(read, undefined, []);
  } catch (error) {
    const name = unreadName(error);
    if (name !== undefined || isStubError(error)) notAnsweredYet(name ?? "this exercise", gradeId, entry);
    throw error;
  }
  if (given === null || typeof given !== "object" || isArray(given)) {
    throw new ErrorCtor(`check: answers for "${gradeId}" must be an object like { z1, a1 }, got ${given === null ? "null" : typeof given}`);
  }
  // Every answer read once, as plain data; an undefined one was declared but never given a value.
  const answers: { [name: string]: unknown } = { __proto__: null } as never;
  const names = ownKeys(given);
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    if (typeof name !== "string") continue;
    const descriptor = getOwnPropertyDescriptor(given, name);
    if (descriptor === undefined || descriptor.get !== undefined) throw new ErrorCtor(`check: answer ${name} for "${gradeId}" must be a plain property`);
    if (descriptor.value === undefined) notAnsweredYet(name, gradeId, entry);
    answers[name] = readAnswer(name, descriptor.value);
  }
  const items = entry.items;
  for (let i = 0; i < items.length; i++) {
    const [name, item] = items[i];
    if (!("from" in item) && !hasOwn(answers, name)) throw new ErrorCtor(`check: the answers for "${gradeId}" must include ${name}`);
    try {
      runItem(name, item, answers, given as { readonly [name: string]: unknown });
    } catch (error) {
      if (isStubError(error)) notAnsweredYet("from" in item ? item.label : name, gradeId, entry);
      if (!isExerciseError(error)) throw error;
      recordProgress(gradeId, false);
      throw new ExerciseError(escalate(gradeId, item, messageOf(error)));
    }
  }
  recordProgress(gradeId, true);
}

freeze(check);
