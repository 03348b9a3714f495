#!/usr/bin/env node
// Entry point: runs the TypeScript sources directly (tsx), so an edit to src/ needs no build step.
require("tsx/cjs/api").register();
require("../src/cli.ts")
  .main(process.argv.slice(2))
  .then((code) => { process.exitCode = code; })
  .catch((error) => { console.error(error instanceof Error ? error.stack : error); process.exitCode = 1; });
