// Calls a learner's function answer from a key (answers arrive typed unknown; a key knows what it called).

type Fn = (...args: unknown[]) => unknown;

/** fn(...args), where fn is the learner's answer. */
export const call = (fn: unknown, ...args: unknown[]): unknown => (fn as Fn)(...args);
