// Vitest for `npm run test:unit`: the unit tests beside their files and the architecture checks; no Python, no Jupyter.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/import-graph.test.ts", "test/import-side-effects.test.ts"],
    // No globalSetup: nothing here starts a Jupyter server or a kernel, so .venv/ need not exist.
    testTimeout: 30_000,
    pool: "forks",
    poolOptions: { forks: { minForks: 1, maxForks: 2 } },
  },
});
