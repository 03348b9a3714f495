// Kernel speed, side by side in one run: ours, ipykernel (the project's .venv), Deno's kernel when `deno` is on
// PATH, and stock tslab. Per kernel: spawn → first real result, a new cell, the same cell again, completion, inspection.
// Run: npm run bench -- --only kernel [--starts N] [--runs N] [--no-tslab] [--rows REGEX (rows whose name matches)]   (or: npx tsx bench/kernel-speed.ts)

import { spawnSync } from "child_process";
import { existsSync, mkdtempSync, rmSync } from "fs";
import os from "os";
import path from "path";
import { KernelClient, PROJECT_ROOT } from "../test/helpers/kernel-client";
import { dismissSpare, startSpare, viaLauncher } from "../test/helpers/spare";

interface Peer {
  name: string;
  /** undefined starts our own kernel */
  argv?: (connectionFile: string) => string[];
  cwd: string;
  /** A cell that is new to the kernel, for the i-th sample. */
  newCell: (i: number) => string;
  repeatedCell: string;
  /** Code and cursor for a completion request that has matches. */
  completion: { code: string; cursor: number };
  /** Code and cursor for an inspection (Shift-Tab) request, which must find the name unless `mayFindNothing`. */
  inspection: { code: string; cursor: number; mayFindNothing?: boolean };
  /** Start through the kernelspec's launcher, with a spare kernel warmed up in this folder waiting (as npm start runs it). */
  spareWarmedIn?: string;
}

interface Sample {
  firstResultMs: number;
  newCellMs: number;
  repeatedCellMs: number;
  completionMs: number;
  inspectionMs: number;
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** The median time of `runs` calls of `run`, one after another. */
async function medianTime(runs: number, run: (i: number) => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await run(i);
    times.push(performance.now() - t);
  }
  return median(times);
}

async function executeOk(kernel: KernelClient, code: string): Promise<void> {
  const { reply } = await kernel.execute(code, {}, 120_000);
  if (reply.content.status !== "ok") throw new Error(`${code}: ${JSON.stringify(reply.content)}`);
}

/** One kernel start: the first result, then medians of `runs` new cells, repeated cells, completions and inspections. */
async function sample(peer: Peer, runs: number, start: string): Promise<Sample> {
  const env = process.env;
  // A spare of its own per start (its setting names its socket), warmed where the row says; the one this kernel
  // starts for the next start is dismissed after (or ends with this kernel, its owner, if still warming up).
  // The other rows turn spares off: they measure a start with none waiting, the first of a Jupyter server's.
  const spareEnv = { ...env, BACKPROP_LAB_SPARE_KERNEL: `bench-${process.pid}-${start}` };
  process.env = peer.spareWarmedIn ? spareEnv : { ...env, BACKPROP_LAB_SPARE_KERNEL: "0" };
  if (peer.spareWarmedIn) {
    await dismissSpare(process.env);
    await startSpare(peer.spareWarmedIn, process.env, { warm: true });
  }
  const spawned = performance.now();
  const kernel = await KernelClient.start(peer.cwd, peer.spareWarmedIn ? viaLauncher : peer.argv).finally(() => (process.env = env));
  try {
    await executeOk(kernel, "1 + 1");
    const firstResultMs = performance.now() - spawned;
    const { completion, inspection } = peer;
    return {
      firstResultMs,
      newCellMs: await medianTime(runs, (i) => executeOk(kernel, peer.newCell(i))),
      repeatedCellMs: await medianTime(runs, () => executeOk(kernel, peer.repeatedCell)),
      completionMs: await medianTime(runs, async () => {
        const reply = await kernel.request("complete_request", { code: completion.code, cursor_pos: completion.cursor }, "shell", 60_000);
        if ((reply.content.matches as unknown[]).length === 0) throw new Error(`${peer.name}: no completions for ${completion.code}`);
      }),
      inspectionMs: await medianTime(runs, async () => {
        const reply = await kernel.request("inspect_request", { code: inspection.code, cursor_pos: inspection.cursor, detail_level: 0 }, "shell", 60_000);
        const answered = reply.content.status === "ok" && (reply.content.found === true || inspection.mayFindNothing === true);
        if (!answered) throw new Error(`${peer.name}: inspecting ${inspection.code}: ${JSON.stringify(reply.content)}`);
      }),
    };
  } finally {
    await kernel.close();
    if (peer.spareWarmedIn) await dismissSpare(spareEnv);
  }
}

function which(command: string): string | undefined {
  const found = spawnSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

function peers(scratch: string, withTslab: boolean): Peer[] {
  const ts = {
    newCell: (i: number) => `1 + ${i + 2}`,
    repeatedCell: "1 + 1",
    completion: { code: "Math.ab", cursor: 7 },
    inspection: { code: "Math.abs(-2)", cursor: 7 },
  };
  const notebooks = path.join(PROJECT_ROOT, "notebooks");
  const list: Peer[] = [
    { name: "backprop-lab, no spare (notebooks/)", cwd: notebooks, ...ts },
    { name: "backprop-lab, no spare (scratch outside the project)", cwd: scratch, ...ts },
    { name: "backprop-lab, spare waiting (notebooks/)", cwd: notebooks, spareWarmedIn: notebooks, ...ts },
    { name: "backprop-lab, spare waiting (scratch)", cwd: scratch, spareWarmedIn: scratch, ...ts },
    { name: "backprop-lab, spare from notebooks/ (scratch)", cwd: scratch, spareWarmedIn: notebooks, ...ts },
  ];
  const python = path.join(PROJECT_ROOT, ".venv", "bin", "python");
  if (existsSync(python)) {
    list.push({
      name: "ipykernel",
      argv: (file) => [python, "-m", "ipykernel_launcher", "-f", file],
      cwd: scratch,
      newCell: (i) => `1 + ${i + 2}`,
      repeatedCell: "1 + 1",
      completion: { code: "import math\nmath.fl", cursor: 19 },
      // A builtin: ipykernel looks names up in the kernel's namespace, where a module this code imports is not yet.
      inspection: { code: "abs(-2)", cursor: 2 },
    });
  }
  const deno = which("deno");
  if (deno) {
    // Deno's kernel has not been seen answering inspections here; its reply is timed all the same.
    const inspection = { ...ts.inspection, mayFindNothing: true };
    list.push({ name: "deno jupyter", argv: (file) => [deno, "jupyter", "--kernel", "--conn", file], cwd: scratch, ...ts, inspection });
  }
  if (withTslab) {
    const tslab = path.join(PROJECT_ROOT, "node_modules", "tslab", "bin", "tslab");
    list.push({ name: "stock tslab 1.0.22", argv: (file) => [process.execPath, tslab, "kernel", "--config-path", file], cwd: scratch, ...ts });
  }
  return list;
}

const COLUMNS: [keyof Sample, string][] = [
  ["firstResultMs", "start → first result"],
  ["newCellMs", "new cell"],
  ["repeatedCellMs", "same cell again"],
  ["completionMs", "completion"],
  ["inspectionMs", "inspection"],
];

function ms(value: number): string {
  return value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(2)} ms`;
}

export async function main(argv: string[]): Promise<number> {
  const option = (name: string, fallback: number) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : fallback);
  const starts = option("--starts", 5);
  const runs = option("--runs", 30);
  const scratch = mkdtempSync(path.join(os.tmpdir(), "bpl-bench-"));
  try {
    return await measure(scratch, argv, starts, runs);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function measure(scratch: string, argv: string[], starts: number, runs: number): Promise<number> {
  const load = () => os.loadavg().map((l) => l.toFixed(2)).join(" ");
  console.log(`kernel speed: medians of ${starts} starts, ${runs} requests each; load ${load()} on ${os.cpus().length} cores`);

  const results: { name: string; medians: Sample }[] = [];
  const rows = argv.includes("--rows") ? new RegExp(argv[argv.indexOf("--rows") + 1]) : undefined;
  for (const [row, peer] of peers(scratch, !argv.includes("--no-tslab")).entries()) {
    if (rows && !rows.test(peer.name)) continue;
    const samples: Sample[] = [];
    for (let s = 0; s < starts; s++) samples.push(await sample(peer, runs, `${row}-${s}`));
    const medians = Object.fromEntries(COLUMNS.map(([key]) => [key, median(samples.map((x) => x[key]))])) as unknown as Sample;
    results.push({ name: peer.name, medians });
    console.log(`  ${peer.name.padEnd(53)} ${COLUMNS.map(([key, label]) => `${label} ${ms(medians[key])}`).join(" · ")}`);
  }

  if (results.length === 0) throw new Error(`--rows ${rows}: no row matches`);
  // Ratios against the start a learner usually gets: a spare waiting (the first row when that one was left out).
  const spareRow = results.find((r) => r.name.startsWith("backprop-lab, spare waiting"));
  const base = spareRow ?? results[0];
  const ours = base.medians;
  console.log(`\nratios (${base.name} ÷ peer; below 1 is faster) — load now ${load()}`);
  for (const { name, medians } of results.filter((r) => r !== base)) {
    console.log(`  vs ${name.padEnd(50)} ${COLUMNS.map(([key, label]) => `${label} ${(ours[key] / medians[key]).toFixed(2)}×`).join(" · ")}`);
  }
  const against = (row: Sample) =>
    `start → first result ≤ 600 ms (${ms(row.firstResultMs)}), new cell ≤ 5 ms (${ms(row.newCellMs)}), ` +
    `same cell ≤ 2 ms (${ms(row.repeatedCellMs)}), completion ≤ 50 ms (${ms(row.completionMs)}), inspection ≤ 50 ms (${ms(row.inspectionMs)})`;
  const noSpare = results.find((r) => r.name.startsWith("backprop-lab, no spare"))?.medians;
  if (noSpare) console.log(`\ntargets, no spare:             ${against(noSpare)}`);
  if (spareRow) console.log(`targets, a spare waiting:      ${against(spareRow.medians)}`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
