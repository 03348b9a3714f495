// Runs `backprop-lab <args>` as a user would (a child process), resolving with its exit status and output.

import * as path from "node:path";
import { spawn } from "node:child_process";

export const BIN = path.resolve(__dirname, "..", "..", "bin", "backprop-lab.js");

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Asynchronous, so a long run (autograde) does not block the test worker. */
export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
