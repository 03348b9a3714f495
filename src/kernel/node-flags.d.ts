// Types of node-flags.js (plain JavaScript so setup.js and the kernelspec's launcher can load it without tsx).

/** The Node flags every learner's kernel process (launcher or spare) runs with. */
export declare const KERNEL_NODE_FLAGS: readonly string[];
