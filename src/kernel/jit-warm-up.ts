// Throwaway cells a waiting spare compiles, so that V8 has optimized the compiler before a learner's cells arrive.
//
// Each new cell builds a new TypeScript program and checker; V8 optimizes the functions doing that only once they
// have run many times. Compiling a new cell took about 9 ms here in a fresh process, 2.4 ms after 400 cells and
// 1.8 ms after 1500 (little changes after that: 1.7 ms after 3000). A spare spends its wait on those cells, one per
// turn of the event loop, so that a launcher asking for it waits at most one cell, and stops once adopted. The
// cells are the kinds learners write: imports aside, which would load a module's types (not every folder has
// backprop-lab's declarations at hand).

export const WARM_UP_CELLS: readonly string[] = [
  "const xs = [1, 2, 3].map((x) => x * 2);\nxs",
  "function sigmoid(z: number): number {\n  return 1 / (1 + Math.exp(-z));\n}\nsigmoid(0.5)",
  "let total = 0;\nfor (let i = 0; i < 10; i++) total += i;\ntotal",
  "const point = { x: 1.5, y: -2 };\nconst { x, y } = point;\n`(${x}, ${y})`",
  "class Neuron {\n  grad = 0;\n  constructor(readonly data: number) {}\n  scaled(k: number) { return new Neuron(this.data * k); }\n}\nnew Neuron(3).scaled(2).data",
  "type Pair = [number, number];\nconst pairs: Pair[] = [[1, 2], [3, 4]];\npairs.reduce((sum, [a, b]) => sum + a * b, 0)",
  "interface Layer { weights: number[][]; bias: number[] }\nconst layer: Layer = { weights: [[0.1, 0.2]], bias: [0] };\nlayer.weights[0].length",
  "const rows = Array.from({ length: 3 }, (_, i) => ({ step: i, loss: 1 / (i + 1) }));\nrows",
  "const result = await Promise.resolve(42);\nresult",
  "const wrong: number = \"a string\";", // learners' cells fail too: the diagnostics path warms up as well
  "Math.max(...[0.25, 0.75].map((p) => -Math.log(p)))",
];

/** How many cells a spare compiles at most: enough for V8 to optimize the checker's and emitter's hot paths. */
// 1500, not 400: the kernel benchmark's new cell, spare waiting, went from 0.95–1.04× ipykernel's to 0.60–0.88×
// (alternating runs); the spare's extra seconds of CPU run niced, while nobody waits for it.
const WARM_UP_CELL_COUNT = 1500;

export interface WarmUp {
  /** Settles when the cells are compiled or the warm-up stopped. */
  readonly done: Promise<void>;
  readonly finished: () => boolean;
  /** Stops before the next cell. */
  stop(): void;
}

/** Compiles the throwaway cells with `compile`, one per turn of the event loop, until all are done or it is stopped. */
export function warmUpInBackground(compile: (cell: string) => void, count = WARM_UP_CELL_COUNT): WarmUp {
  let stopped = false;
  let compiled = 0;
  const done = (async () => {
    for (; compiled < count && !stopped; compiled++) {
      await new Promise((resolve) => setImmediate(resolve));
      if (stopped) return;
      try {
        compile(WARM_UP_CELLS[compiled % WARM_UP_CELLS.length]);
      } catch {
        return; // a compiler that fails here fails on the learner's cell too, and says so there
      }
    }
  })();
  return { done, finished: () => compiled >= count, stop: () => void (stopped = true) };
}
