// Globals the checks use, captured when the module loads, before any learner code can replace them.
//
// A learner cell may reassign Math.abs, patch Number.prototype or Array.prototype, or add getters
// to Object.prototype. Every check reads only these captured references, so what a check decides
// depends on the answer alone.

import { types } from "util";

// %TypedArray%.prototype's length getter: a typed array subclass may override `length`, this one cannot lie.
const typedArrayLength = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Int8Array.prototype), "length")!.get!;

const captured = {
  abs: Math.abs,
  max: Math.max,
  min: Math.min,
  round: Math.round,
  isFiniteNumber: Number.isFinite,
  isNaNNumber: Number.isNaN,
  isInteger: Number.isInteger,
  isArray: Array.isArray,
  isView: ArrayBuffer.isView,
  hasOwn: Object.hasOwn,
  freeze: Object.freeze,
  defineProperty: Object.defineProperty,
  getPrototypeOf: Object.getPrototypeOf,
  getOwnPropertyDescriptor: Reflect.getOwnPropertyDescriptor,
  isProxy: types.isProxy,
  isTypedArray: types.isTypedArray,
  apply: Reflect.apply,
  ownKeys: Reflect.ownKeys,
  toPrecision: Number.prototype.toPrecision,
  toExponential: Number.prototype.toExponential,
  ErrorCtor: Error,
} as const;

export const {
  abs, max, min, round, isFiniteNumber, isNaNNumber, isInteger, isArray, isView, hasOwn, freeze,
  defineProperty, getPrototypeOf, getOwnPropertyDescriptor, isProxy, isTypedArray, apply, ownKeys, ErrorCtor,
} = captured;

/** A typed array's length, read through the intrinsic getter rather than the object's own. */
export function typedLength(view: ArrayBufferView): number {
  return apply(typedArrayLength, view, []) as number;
}

/** x.toPrecision(digits) without looking Number.prototype up at call time. */
export function precision(x: number, digits: number): string {
  return apply(captured.toPrecision, x, [digits]) as string;
}

/** x.toExponential(digits), captured the same way. */
export function exponential(x: number, digits: number): string {
  return apply(captured.toExponential, x, [digits]) as string;
}

/** The option's own value, or the fallback: a getter on Object.prototype must not supply it. */
export function ownOption<T>(options: object | undefined, key: string, fallback: T): T {
  if (options === undefined || options === null) return fallback;
  if (!hasOwn(options, key)) return fallback;
  const value = (options as { [k: string]: unknown })[key];
  return value === undefined ? fallback : (value as T);
}
