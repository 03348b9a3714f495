// The two errors an exercise cell can raise: a wrong answer (ExerciseError) and a stub (NotAnsweredError).
//
// Both extend the Error captured at load, set `name` as an own property (so ename survives a patched
// Error.prototype), and have frozen prototypes and constructors so learner code cannot add methods.

import { ErrorCtor, defineProperty, freeze } from "./intrinsics";

/** A wrong answer; the message names the quantity, what came, and what to look at. */
export class ExerciseError extends ErrorCtor {
  constructor(message: string) {
    super(message);
    defineProperty(this, "name", { value: "ExerciseError", enumerable: false, writable: false, configurable: false });
  }
}

/** An exercise stub that has not been replaced by an answer yet. */
export class NotAnsweredError extends ErrorCtor {
  constructor(message: string) {
    super(message);
    defineProperty(this, "name", { value: "NotAnsweredError", enumerable: false, writable: false, configurable: false });
  }
}

freeze(ExerciseError.prototype);
freeze(ExerciseError);
freeze(NotAnsweredError.prototype);
freeze(NotAnsweredError);

/** The stub a learner version puts where a solution was: throws until the learner answers. */
export function notAnswered(what?: string): never {
  const subject = typeof what === "string" && what.length > 0 ? what + " is" : "This exercise is";
  throw new NotAnsweredError(`${subject} not answered yet: replace notAnswered() with your answer and run the cell again.`);
}

export function isExerciseError(error: unknown): error is ExerciseError {
  return error instanceof ExerciseError;
}

export function isNotAnsweredError(error: unknown): error is NotAnsweredError {
  return error instanceof NotAnsweredError;
}

/** Throws an ExerciseError; used by every check so all failures look alike. */
export function fail(message: string): never {
  throw new ExerciseError(message);
}

freeze(notAnswered);
freeze(isExerciseError);
freeze(isNotAnsweredError);
