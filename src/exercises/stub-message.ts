// Tells an unanswered exercise from a wrong one: the stub's error, or the module's notAnswered().

import { getOwnPropertyDescriptor } from "./intrinsics";
import { isNotAnsweredError } from "./errors";

/** The start of the message nbgrader's TypeScript code stub throws (src/grading/markers.ts writes that stub). */
export const NOT_ANSWERED_STUB = "Not answered yet";

/** An error's own message, read without running a getter. */
export function messageOf(error: unknown): string {
  if (error === null || typeof error !== "object") return `${error}`;
  const descriptor = getOwnPropertyDescriptor(error, "message");
  return descriptor !== undefined && typeof descriptor.value === "string" ? descriptor.value : "";
}

/** True for the error an answer cell's stub (or notAnswered()) throws. */
export function isStubError(error: unknown): boolean {
  if (isNotAnsweredError(error)) return true;
  const message = messageOf(error);
  return message.slice(0, NOT_ANSWERED_STUB.length) === NOT_ANSWERED_STUB;
}
