// What an answer key holds: per grade id, the expected answers, the known mistakes and the hints, as data.
//
// A key entry describes one test cell (grade id `<id>-tests`). Its items name the learner's variables in
// the order the cell checks them. Hidden tests stay in the instructor's test cells (nbgrader removes them
// from every release), so their values never ship in the module. Values a key computes from the module's reference code are written as
// functions (`() => reference().zh`), evaluated only when the check runs, so the key stays plain data
// everywhere else and nothing a learner can read or import holds them.

import type { Mistake } from "./check-number";
import type { SamplePoint } from "./check-function";
import type { ArrayAnswer } from "./check-array";

type Lazy<T> = T | (() => T);
type NumberFunction = (...args: number[]) => number;

interface ItemBase {
  /** Said on the second failure of the same check (the first says only what is wrong). */
  hint?: string;
  /** Said from the third failure on. */
  more?: string;
}

export interface NumberItem extends ItemBase {
  number: Lazy<number>;
  mistakes?: Lazy<readonly Mistake[]>;
  tolerance?: number;
}

export interface ArrayItem extends ItemBase {
  array: Lazy<ArrayAnswer>;
  mistakes?: Lazy<readonly Mistake<ArrayAnswer>[]>;
  tolerance?: number;
}

export interface BooleanItem extends ItemBase {
  boolean: boolean;
}

export interface ChoiceItem extends ItemBase {
  choice: string;
  choices: readonly string[];
  hints?: { readonly [choice: string]: string };
}

export interface MatchingItem extends ItemBase {
  matching: { readonly [term: string]: string };
  hints?: { readonly [term: string]: string };
}

export interface FunctionItem extends ItemBase {
  function: NumberFunction;
  at: readonly SamplePoint[];
  mistakes?: readonly Mistake<NumberFunction>[];
  tolerance?: number;
}

export interface DerivativeItem extends ItemBase {
  /** The function whose derivative the answer is; compared with central differences. */
  derivativeOf: (x: number) => number;
  at: readonly number[];
  tolerance?: number;
}

/**
 * A value computed from the answers (a call of the learner's function, a gradient after their backward),
 * then checked as the number, array, boolean or choice it also gives. `read` copies what a learner's code returned
 * as plain data (see answer-data.ts), so a result object's getters cannot choose the verdict.
 */
export type ComputedItem = (NumberItem | ArrayItem | BooleanItem | ChoiceItem) & {
  /** What the feedback calls it, e.g. "dydx(1)". */
  label: string;
  /** `raw` holds the answers as given, for the few checks that must walk a module object (a Value graph) with the module's own captured methods. */
  from: (answers: { readonly [name: string]: unknown }, read: (what: string, value: unknown) => unknown, raw: { readonly [name: string]: unknown }) => unknown;
};

export type KeyItem = NumberItem | ArrayItem | BooleanItem | ChoiceItem | MatchingItem | FunctionItem | DerivativeItem | ComputedItem;

type Unlabelled = ComputedItem extends infer T ? (T extends unknown ? Omit<T, "label"> : never) : never;

/** A computed item keyed by its own label, the form a key's items list takes: `computedItem("dydx(1)", { from, number })`. */
export const computedItem = (label: string, rest: Unlabelled): readonly [string, KeyItem] => [label, { label, ...rest } as KeyItem];

export interface KeyEntry {
  /** The answer cell's grade id when it differs from this entry's (several test cells for one answer cell). */
  answer?: string;
  /** Checked in this order; the first that fails stops the check, as separate asserts would. */
  items: readonly (readonly [name: string, item: KeyItem])[];
}

export type AnswerKey = { readonly [gradeId: string]: KeyEntry };
