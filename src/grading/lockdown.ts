// Grading mode inside the kernel: freeze the JavaScript intrinsics and the module, guard process, before student code runs.
//
// Loaded by the grader's first (prelude) cell, after the "backprop-lab" module has loaded, so its checks
// already hold their captured references. From then on a student cell cannot replace Math.abs, patch
// Array.prototype or Object.prototype, reassign globalThis.Math, change anything the module exports
// (classes, prototypes, static members, nested objects), swap any loaded module in require.cache, blank
// stack traces, or exit or signal a process. Frozen prototypes get SES-style "override taming" for the
// properties ordinary code assigns on its own objects (name, message, toString, …; every property of the
// module's own prototypes), so `this.name = "MyError"` in an honest custom Error subclass, a learner's
// subclass of Module and `layer.forward = …` on an instance still work.
//
// This file imports nothing from the project and must not: it runs inside the kernel process.

import Module = require("node:module");

const INTRINSIC_GLOBALS = [
  "Object", "Function", "Array", "Number", "Boolean", "String", "Symbol", "BigInt", "Math", "JSON", "Reflect",
  "Promise", "RegExp", "Date", "Error", "TypeError", "RangeError", "SyntaxError", "ReferenceError", "EvalError",
  "URIError", "AggregateError", "Map", "Set", "WeakMap", "WeakSet", "WeakRef", "FinalizationRegistry",
  "ArrayBuffer", "SharedArrayBuffer", "DataView", "Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array",
  "Uint16Array", "Int32Array", "Uint32Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array",
  "Atomics", "Proxy", "Intl", "parseFloat", "parseInt", "isNaN", "isFinite", "encodeURI", "encodeURIComponent",
  "decodeURI", "decodeURIComponent", "escape", "unescape", "Infinity", "NaN", "undefined",
];

// Properties code commonly assigns on its own objects; on a frozen prototype they would throw
// ("override mistake"), so they become accessors whose setter defines an own property instead.
const TAMED = ["constructor", "name", "message", "toString", "toLocaleString", "valueOf", "toJSON", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "stack", "cause"];

// Error's static hooks that Node, source-map support and the kernel set while running.
const ERROR_HOOKS = ["prepareStackTrace", "stackTraceLimit", "captureStackTrace"];

const { defineProperty, getOwnPropertyDescriptor, getOwnPropertyNames, getOwnPropertySymbols, freeze, isFrozen, getPrototypeOf, preventExtensions } = Object;

function tameOverrides(proto: object, keys: readonly (string | symbol)[] = TAMED): void {
  for (const key of keys) {
    const desc = getOwnPropertyDescriptor(proto, key);
    if (!desc || !("value" in desc) || !desc.configurable) continue;
    const value: unknown = desc.value;
    defineProperty(proto, key, {
      get() {
        return value;
      },
      set(this: object, next: unknown) {
        if (this === proto) throw new TypeError(`Cannot assign to read only property '${String(key)}' (grading mode freezes built-ins and the module)`);
        defineProperty(this, key, { value: next, writable: true, enumerable: true, configurable: true });
      },
      enumerable: desc.enumerable,
      configurable: false,
    });
  }
}

// V8 guards its fast paths with "protectors" that some changes to intrinsics switch off for the whole
// process, for good. Measured on 09's training (CPU seconds, same process): Object.freeze(Object.prototype)
// makes it 4× slower, while sealing it and making each property read-only (Object.isFrozen holds all the
// same) costs nothing. So objects are frozen property by property. Typed arrays' `constructor` and
// %TypedArray%[Symbol.species] are frozen too, although that turns off the species fast path of
// subarray/slice/map (about 2× on training): left writable, a cell could make the module's own array copies
// (its reference values included) whatever it likes.

/** Object.freeze's result (non-extensible, every own property non-configurable, data read-only) without its elements transition. */
function freezeKeepingFastPaths(object: object): void {
  for (const key of Reflect.ownKeys(object)) {
    const desc = getOwnPropertyDescriptor(object, key)!;
    const writable = "value" in desc && desc.writable === true;
    if (!desc.configurable && !writable) continue;
    defineProperty(object, key, "value" in desc ? { writable: false, configurable: false } : { configurable: false });
  }
  preventExtensions(object);
}

/**
 * Freezes everything reachable from the roots through own properties and prototypes. `tameAll`: every
 * property of the objects found (not only TAMED) stays assignable on objects that inherit from them.
 */
function harden(roots: unknown[], skip: Set<unknown>, tameAll = false): number {
  const seen = new Set<unknown>();
  const queue = [...roots];
  let count = 0;
  while (queue.length > 0) {
    const value = queue.pop();
    if ((typeof value !== "object" && typeof value !== "function") || value === null || seen.has(value) || skip.has(value)) continue;
    seen.add(value);
    const object = value as object;
    if (object === Error) {
      for (const key of getOwnPropertyNames(object)) {
        if (ERROR_HOOKS.includes(key)) continue;
        const desc = getOwnPropertyDescriptor(object, key)!;
        if (desc.configurable) defineProperty(object, key, { ...desc, ...("value" in desc ? { writable: false } : {}), configurable: false });
        queue.push(desc.value, desc.get, desc.set);
      }
      preventExtensions(object);
    } else {
      // Only prototypes-like objects are tamed; the accessors taming creates are frozen as they are.
      if (typeof object === "object" || object === Function.prototype) tameOverrides(object, tameAll ? getOwnPropertyNames(object) : TAMED);
      // A typed array with elements cannot be frozen (nor its buffer): its properties still are.
      if (ArrayBuffer.isView(object)) preventExtensions(object);
      else if (!isFrozen(object)) freezeKeepingFastPaths(object);
      count++;
      for (const key of [...getOwnPropertyNames(object), ...getOwnPropertySymbols(object)]) {
        const desc = getOwnPropertyDescriptor(object, key)!;
        queue.push(desc.value, desc.get, desc.set);
      }
    }
    queue.push(getPrototypeOf(object));
  }
  return count;
}

function intrinsicRoots(): unknown[] {
  const g = globalThis as unknown as { [key: string]: unknown };
  const roots: unknown[] = INTRINSIC_GLOBALS.map((name) => g[name]);
  // Intrinsics with no global name: iterator and generator prototypes, %TypedArray%, async functions.
  roots.push(
    getPrototypeOf(Int8Array),
    getPrototypeOf([][Symbol.iterator]()),
    getPrototypeOf(new Map()[Symbol.iterator]()),
    getPrototypeOf(new Set()[Symbol.iterator]()),
    getPrototypeOf(""[Symbol.iterator]()),
    getPrototypeOf(/a/[Symbol.matchAll]("")),
    getPrototypeOf(function* () {}),
    getPrototypeOf(async function () {}),
    getPrototypeOf(async function* () {}),
  );
  return roots;
}

function makeGlobalsReadOnly(): void {
  for (const name of INTRINSIC_GLOBALS) {
    const desc = getOwnPropertyDescriptor(globalThis, name);
    if (desc && desc.configurable) defineProperty(globalThis, name, { value: desc.value, writable: false, enumerable: desc.enumerable, configurable: false });
  }
}

export class GradingModeError extends Error {
  constructor(message: string) {
    super(message);
    defineProperty(this, "name", { value: "GradingModeError" });
  }
}

// Cell code runs from vm scripts without a file (evalmachine.<anonymous>, <anonymous>, [cell 3], …); the
// kernel and Node run from absolute paths and node: modules. Exit is refused when any frame is cell code.
function calledFromCellCode(): boolean {
  // A cell may have set Error.stackTraceLimit = 0 to hide its frames: look with a limit of our own.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = Infinity;
  const stack = new Error().stack ?? "";
  Error.stackTraceLimit = limit;
  for (const line of stack.split("\n").slice(1)) {
    const location = /\(([^()]*)\)\s*$/.exec(line)?.[1] ?? line.trim().replace(/^at\s+/, "");
    if (location.startsWith("/") || location.startsWith("file://") || location.startsWith("node:") || /^[A-Za-z]:\\/.test(location)) continue;
    if (location === "native") continue;
    return true;
  }
  return false;
}

/** process.exit and friends throw when cell code calls them; the kernel can still exit on shutdown. */
function guardProcess(): string[] {
  const proc = process as unknown as { [key: string]: unknown };
  const guarded: string[] = [];
  // kill and its internals signal any process (the grader's server among them); the active-handle lists
  // hand out the kernel's own timers and sockets.
  for (const name of ["exit", "reallyExit", "abort", "kill", "_kill", "_debugProcess", "_debugEnd", "_getActiveHandles", "_getActiveRequests", "dlopen", "binding", "_linkedBinding", "chdir", "setuid", "setgid", "seteuid", "setegid", "setgroups", "initgroups"]) {
    const original = proc[name];
    if (typeof original !== "function") continue;
    const real = (original as (...args: unknown[]) => unknown).bind(process);
    const guard = (...args: unknown[]): unknown => {
      if ((name === "exit" || name === "reallyExit") && !calledFromCellCode()) return real(...args);
      throw new GradingModeError(`process.${name} is disabled while grading`);
    };
    defineProperty(process, name, { value: guard, writable: false, enumerable: false, configurable: false });
    guarded.push(name);
  }
  // The kernel's entry module, and through its children every module the kernel loaded.
  defineProperty(process, "mainModule", { value: undefined, writable: false, enumerable: false, configurable: false });
  return guarded;
}

/**
 * Stack traces keep the kernel's format: no cell can read call sites (their `this` and functions) or
 * blank the stacks the process guard reads. (stackTraceLimit stays writable: TypeScript sets it to 0
 * around its file probes; the guard sets its own limit while it looks.)
 */
function lockErrorHooks(): void {
  const desc = getOwnPropertyDescriptor(Error, "prepareStackTrace");
  const value: unknown = desc && "value" in desc ? desc.value : undefined;
  defineProperty(Error, "prepareStackTrace", { value, writable: false, enumerable: desc?.enumerable ?? false, configurable: false });
}

/** Pins loaded modules: their require.cache entries cannot be replaced or deleted, their exports not reassigned or extended. */
function pinModules(ids: string[]): void {
  const cache = (Module as unknown as { _cache: { [id: string]: { exports: unknown } } })._cache;
  for (const id of ids) {
    const record = cache[id];
    if (!record) continue;
    if ((typeof record.exports === "object" && record.exports !== null) || typeof record.exports === "function") freeze(record.exports);
    defineProperty(record, "exports", { value: record.exports, writable: false, configurable: false });
    defineProperty(cache, id, { value: record, writable: false, enumerable: true, configurable: false });
  }
  // The loader itself: a student cannot wrap require or Module._load to hand the tests a fake module.
  const loader = Module as unknown as { [key: string]: unknown };
  for (const key of ["_load", "_resolveFilename", "_findPath", "prototype", "_extensions", "wrap", "_compile"]) {
    const desc = getOwnPropertyDescriptor(loader, key);
    if (desc && desc.configurable) defineProperty(loader, key, { ...desc, ...("value" in desc ? { writable: false } : {}), configurable: false });
  }
  freeze(Module.prototype);
  freeze((loader as { _extensions: object })._extensions);
}

export interface LockdownReport {
  frozen: number;
  guarded: string[];
  pinned: string[];
}

let report: LockdownReport | undefined;

/**
 * Worker threads stay allowed (the module's fast matrix products use them) but a worker cannot be given its
 * own execArgv or env: a worker started without the kernel's flags would run outside Node's permission model.
 */
function guardWorkers(): void {
  const threads = Module.createRequire(__filename)("node:worker_threads") as { Worker: new (...args: unknown[]) => unknown };
  const Original = threads.Worker;
  class GradingWorker extends (Original as new (...args: unknown[]) => object) {
    constructor(...args: unknown[]) {
      const options = args[1] as { execArgv?: unknown; env?: unknown } | undefined;
      if (options && (options.execArgv !== undefined || options.env !== undefined)) throw new GradingModeError("new Worker(…, { execArgv, env }) is disabled while grading: workers run with the kernel's own flags");
      super(...args);
    }
  }
  defineProperty(threads, "Worker", { value: GradingWorker, writable: false, enumerable: true, configurable: false });
}

/** A module's exported values (esbuild's exports are getters, so their values are read, not their descriptors). */
function exportedValues(exports: unknown): unknown[] {
  if ((typeof exports !== "object" && typeof exports !== "function") || exports === null) return [];
  const values: unknown[] = [exports];
  for (const key of getOwnPropertyNames(exports)) {
    try {
      values.push((exports as { [key: string]: unknown })[key]);
    } catch {
      // a getter that throws exports nothing to freeze
    }
  }
  return values;
}

/**
 * Enters grading mode once (later calls return the first report). Every module already loaded is pinned
 * (so tests see the instances that loaded before any student code ran, and nothing can swap the kernel's);
 * what the modules under `pinPrefixes` (and not under `exceptPrefixes`) export is frozen deeply: the module
 * a notebook imports. The kernel's own modules keep their mutable objects but cells cannot reach them.
 */
export function lockdownForGrading(pinPrefixes: string[] = [], exceptPrefixes: string[] = []): LockdownReport {
  if (report) return report;
  const cache = (Module as unknown as { _cache: { [id: string]: { exports: unknown } } })._cache;
  const loaded = Object.keys(cache);
  const pinned = loaded.filter((id) => pinPrefixes.some((p) => id.startsWith(p)) && !exceptPrefixes.some((p) => id.startsWith(p)));
  const skip = new Set<unknown>([globalThis, process]);
  const frozen = harden(intrinsicRoots(), skip) + harden(pinned.flatMap((id) => exportedValues(cache[id].exports)), skip, true);
  pinModules(loaded);
  const guarded = guardProcess();
  guardWorkers();
  lockErrorHooks();
  makeGlobalsReadOnly();
  report = freeze({ frozen, guarded, pinned });
  return report;
}
