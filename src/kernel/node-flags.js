// The Node flags a learner's kernel runs with, in one place: the kernelspec (kernel-setup/setup.js), `npm start`'s
// first spare (kernel-setup/start.js) and each kernel's next spare (spare.ts) pass them. Plain JavaScript, because
// setup.js and the launcher read it before any TypeScript loader.

"use strict";

/**
 * Young-generation semispaces of up to 64 MB; V8's default stops at 16. Each new cell builds a TypeScript program
 * and checker, several MB that live until the next cell. With 16 MB a minor GC came every two or three cells,
 * copied them, and promoted them to the old generation, whose major GCs then slowed runs of cells. Measured
 * in-process over 300 new cells (after the spare's warm-up): mean 4.0–4.9 → 2.8–3.4 ms, 90th percentile
 * 10–12 → 3.6–4.5 ms. The process's resident memory stayed about the same (~430–450 MB), since less is promoted.
 */
const KERNEL_NODE_FLAGS = ["--max-semi-space-size=64"];

module.exports = { KERNEL_NODE_FLAGS };
