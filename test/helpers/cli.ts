// Runs `backprop-lab <args>` (or any command) as a user would, in a child process, resolving with its exit status and output.

import * as path from "node:path";
import { spawn } from "node:child_process";

export const BIN = path.resolve(__dirname, "..", "..", "bin", "backprop-lab.js");

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end, asynchronously (a long run, such as autograde, must not block the test worker). */
export function runProcess(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  return runProcess(process.execPath, [BIN, ...args], options);
}
