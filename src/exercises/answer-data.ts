// Reads a learner's answer as plain data: the answer's own methods, getters, iterators and Proxies never run.
//
// A check that calls `answer.every(…)` or reads a getter lets the answer decide its own verdict (an array-like
// whose `every` always says true). Every check copies the answer first, through captured intrinsics only:
// numbers and strings as they are, arrays and typed arrays entry by entry, objects (Tensor, Matrix, Value,
// `{ shape, data }`, a matching of terms) by their own data properties. Functions stay functions: calling
// them is how a function answer is checked.

import { fail } from "./errors";
import { getOwnPropertyDescriptor, isArray, isProxy, isTypedArray, ownKeys, typedLength } from "./intrinsics";

// Deep enough for a matrix inside a Tensor-like object; a Value's graph below that is not an answer.
const MAX_DEPTH = 3;
const MAX_ENTRIES = 1_000_000;

interface Budget {
  entries: number;
}

function dataProperty(owner: object, key: string | symbol, where: string): unknown {
  const descriptor = getOwnPropertyDescriptor(owner, key);
  if (descriptor === undefined) return undefined;
  if (descriptor.get !== undefined || descriptor.set !== undefined) {
    fail(`${where} is a getter or setter; answer with plain values (numbers, arrays, objects), not accessors.`);
  }
  return descriptor.value;
}

function copy(value: unknown, where: string, depth: number, budget: Budget): unknown {
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return value;
  if (isProxy(value)) fail(`${where} is a Proxy; answer with plain values (numbers, arrays, objects).`);
  if (typeof value === "function") return value;
  if (depth > MAX_DEPTH) return undefined;
  if (isTypedArray(value)) {
    const view = value as unknown as { [i: number]: number };
    const length = typedLength(value as ArrayBufferView);
    budget.entries += length;
    if (budget.entries > MAX_ENTRIES) fail(`${where} is too large to check (more than ${MAX_ENTRIES} entries).`);
    const out: number[] = [];
    for (let i = 0; i < length; i++) out[i] = view[i];
    return out;
  }
  if (isArray(value)) {
    const length = dataProperty(value, "length", `${where}.length`) as number;
    budget.entries += length;
    if (budget.entries > MAX_ENTRIES) fail(`${where} is too large to check (more than ${MAX_ENTRIES} entries).`);
    const out: unknown[] = [];
    for (let i = 0; i < length; i++) out[i] = copy(dataProperty(value, `${i}`, `${where}[${i}]`), `${where}[${i}]`, depth + 1, budget);
    return out;
  }
  const out: { [key: string]: unknown } = { __proto__: null } as never;
  const keys = ownKeys(value);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (typeof key !== "string") continue;
    out[key] = copy(dataProperty(value, key, `${where}.${key}`), `${where}.${key}`, depth + 1, budget);
  }
  // A Matrix keeps its shape as own rows and cols (its `shape` is a getter on the class, never run here).
  if (out.shape === undefined && typeof out.rows === "number" && typeof out.cols === "number" && isArray(out.data)) out.shape = [out.rows, out.cols];
  return out;
}

/** The answer as plain data (see the file header); throws ExerciseError naming a Proxy or accessor. */
export function readAnswer(name: string, value: unknown): unknown {
  return copy(value, name, 0, { entries: 0 });
}
