// Per-notebook tables keyed by id (answer keys, review questions) merged into one table that learner code cannot edit.

import { freeze, hasOwn, ownKeys } from "./intrinsics";

function deepFreeze(value: unknown): void {
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return;
  freeze(value);
  if (typeof value === "function") return;
  const keys = ownKeys(value as object);
  for (let i = 0; i < keys.length; i++) deepFreeze((value as { [k: string | symbol]: unknown })[keys[i]]);
}

/** One deep-frozen, prototype-free table of every id in `tables`; an id in two tables is an error naming `what`. */
export function mergeFrozen<T>(what: string, tables: readonly { readonly [id: string]: T }[]): { readonly [id: string]: T } {
  const all: { [id: string]: T } = { __proto__: null } as never;
  for (const table of tables) {
    for (const id of Object.keys(table)) {
      if (hasOwn(all, id)) throw new Error(`${what}: id "${id}" appears in two tables`);
      all[id] = table[id];
    }
  }
  deepFreeze(all);
  return all;
}
