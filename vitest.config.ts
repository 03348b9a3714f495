// Vitest: unit tests beside their files, cross-module and notebook tests in test/; setup runs once first.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // Creates .venv/ (Jupyter) and registers the backprop-lab kernel before any test needs them.
    globalSetup: ["test/global-setup.ts"],
    // Each test file's console without the websocket narration (the runner itself leaves the console alone).
    setupFiles: ["test/quiet-services.ts"],
    // No spare kernels beside the test kernels (they would warm up on CI's two cores); the spare tests name their own.
    env: { BACKPROP_LAB_SPARE_KERNEL: "0" },
    // Notebook suites start a Jupyter server and kernels; give them room on a busy 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Separate processes (kernels and servers are child processes; forks clean up reliably), two at a time.
    pool: "forks",
    poolOptions: { forks: { minForks: 1, maxForks: 2 } },
    fileParallelism: true,
  },
});
