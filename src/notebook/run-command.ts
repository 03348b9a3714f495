// `backprop-lab run <notebook|folder>…`: executes notebooks headless through a Jupyter server, one line per notebook.
import * as fs from "fs";
import * as path from "path";
import { readNotebook, writeNotebook, NotebookFormatError } from "./nbformat";
import { executeNotebook, shutdownActiveKernels, NotebookResult } from "./execute";
import { JupyterServer, runningServers, withJupyterServer } from "./server";

const USAGE = `usage: backprop-lab run <notebook|folder>… [--output DIR | --inplace] [--timeout SEC] [--kernel NAME] [--server URL --token T [--server-root DIR]]

  Executes each notebook top to bottom in a fresh kernel (default: the notebook's kernelspec, else backprop-lab)
  on a private Jupyter server from .venv/ (or the server given by --server/--token).
  --output DIR   write executed notebooks into DIR      --inplace   overwrite the notebooks with their outputs
  --timeout SEC  per-cell limit (default 120)           --kernel    kernelspec to use for every notebook
  --server-root DIR  the --server's root folder on this machine, so kernels start beside each notebook
  Exit status 1 if any notebook failed.`;

interface RunOptions {
  paths: string[];
  output?: string;
  inplace: boolean;
  timeoutSec: number;
  kernel?: string;
  server?: string;
  token?: string;
  serverRoot?: string;
}

function parseArgs(argv: string[]): RunOptions | string {
  const opts: RunOptions = { paths: [], inplace: false, timeoutSec: 120 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    try {
      if (flag === "--output" || flag === "-o") opts.output = value();
      else if (flag === "--inplace") opts.inplace = true;
      else if (flag === "--timeout") {
        opts.timeoutSec = Number(value());
        if (!(opts.timeoutSec > 0)) return `--timeout must be a positive number of seconds`;
      } else if (flag === "--kernel") opts.kernel = value();
      else if (flag === "--server") opts.server = value();
      else if (flag === "--token") opts.token = value();
      else if (flag === "--server-root") opts.serverRoot = path.resolve(value());
      else if (flag === "--help" || flag === "-h") return "";
      else if (flag.startsWith("-")) return `unknown option ${flag}`;
      else opts.paths.push(arg);
    } catch (error) {
      return (error as Error).message;
    }
  }
  if (opts.paths.length === 0) return "give at least one notebook or folder";
  if (opts.output && opts.inplace) return "--output and --inplace exclude each other";
  if (opts.token && !opts.server) return "--token needs --server";
  if (opts.serverRoot && !opts.server) return "--server-root needs --server";
  return opts;
}

/** Notebooks named directly, and every *.ipynb under named folders (sorted, checkpoints left out). */
export function collectNotebooks(paths: string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".ipynb")) files.push(full);
    }
  };
  for (const p of paths) {
    if (!fs.existsSync(p)) missing.push(p);
    else if (fs.statSync(p).isDirectory()) walk(p);
    else files.push(p);
  }
  return { files, missing };
}

function commonDir(files: string[]): string {
  const dirs = files.map((f) => path.dirname(path.resolve(f)).split(path.sep));
  if (dirs.length === 0) return process.cwd();
  let shared = dirs[0];
  for (const d of dirs.slice(1)) {
    let n = 0;
    while (n < shared.length && n < d.length && shared[n] === d[n]) n++;
    shared = shared.slice(0, n);
  }
  return shared.join(path.sep) || path.sep;
}

function describe(result: NotebookResult): string {
  const f = result.firstFailure;
  const base = `${result.cellsRun} cells, ${result.seconds.toFixed(1)} s`;
  if (!f) return base;
  const firstLine = (f.evalue ?? "").split("\n")[0];
  return `${base}; cell ${f.index} ${f.status === "error" ? "failed" : f.status === "timeout" ? "timed out" : "aborted"}: ${f.ename}: ${firstLine}`;
}

export async function main(argv: string[]): Promise<number> {
  const parsed = parseArgs(argv);
  if (typeof parsed === "string") {
    if (parsed === "") {
      console.log(USAGE);
      return 0;
    }
    console.error(`backprop-lab run: ${parsed}\n\n${USAGE}`);
    return 2;
  }
  const opts = parsed;
  const { files, missing } = collectNotebooks(opts.paths);
  let passed = 0;
  let failed = 0;
  for (const m of missing) {
    console.log(`FAIL ${m}: no such notebook or folder`);
    failed++;
  }
  if (files.length === 0 && missing.length === 0) {
    console.error("backprop-lab run: no .ipynb files found");
    return 1;
  }

  // Ctrl-C / SIGTERM: stop kernels and servers we started, then leave.
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.error(`\nbackprop-lab run: ${signal}, shutting down kernels and the Jupyter server …`);
    void shutdownActiveKernels()
      .then(() => Promise.all(runningServers().map((s) => s.stop())))
      .finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  const runOne = async (server: JupyterServer, file: string) => {
    const relative = path.relative(process.cwd(), file);
    const label = relative && !relative.startsWith("..") ? relative : path.resolve(file);
    try {
      const notebook = readNotebook(file);
      const result = await executeNotebook(server, notebook, {
        kernelName: opts.kernel,
        cwd: opts.server && !server.rootDir ? undefined : path.dirname(path.resolve(file)),
        cellTimeoutMs: opts.timeoutSec * 1000,
      });
      if (opts.inplace) writeNotebook(file, result.notebook);
      else if (opts.output) {
        fs.mkdirSync(opts.output, { recursive: true });
        writeNotebook(path.join(opts.output, path.basename(file)), result.notebook);
      }
      console.log(`${result.ok ? "PASS" : "FAIL"} ${label}: ${describe(result)}`);
      if (result.ok) passed++;
      else failed++;
    } catch (error) {
      const message = error instanceof NotebookFormatError ? error.problems.join("; ") : (error as Error).message;
      console.log(`FAIL ${label}: ${message}`);
      failed++;
    }
  };

  if (files.length > 0) {
    try {
      const rootDir = opts.server ? opts.serverRoot : commonDir(files);
      await withJupyterServer({ url: opts.server, token: opts.token, rootDir }, async (server) => {
        for (const file of files) {
          if (stopping) break;
          await runOne(server, file);
        }
      });
    } catch (error) {
      // The server did not start or answer: one clear error, every remaining notebook counts as failed.
      console.log(`FAIL Jupyter server: ${(error as Error).message}`);
      failed += files.length - passed - (failed - missing.length);
    }
  }
  process.off("SIGINT", onSignal);
  process.off("SIGTERM", onSignal);
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}
