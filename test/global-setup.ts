// Runs kernel-setup once before the tests, so .venv/ (Jupyter) and the backprop-lab kernelspec exist; fast when done.
import * as path from "path";
import { spawnSync } from "child_process";

export default function setup(): void {
  const script = path.resolve(__dirname, "..", "kernel-setup", "setup.js");
  const result = spawnSync(process.execPath, [script], { stdio: "inherit" });
  if (result.status !== 0) throw new Error(`${script} failed (exit ${result.status ?? result.signal}); see its message above`);
}
