// Kernel speed: spawn → first kernel_info_reply, median round trip of a trivial cell, and the
// first `import … from "backprop-lab"`; stock tslab measured the same way beside ours.
// Run: node bin/backprop-lab.js bench-kernel  (or: npx tsx bench/kernel-speed.ts) [--runs N] [--no-tslab]

import { mkdtempSync } from "fs";
import os from "os";
import path from "path";
import { KernelClient, PROJECT_ROOT } from "../test/helpers/kernel-client";

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function roundTrip(kernel: KernelClient, code: string): Promise<number> {
  const t = performance.now();
  const { reply } = await kernel.execute(code);
  const ms = performance.now() - t;
  if (reply.content.status !== "ok") throw new Error(`${code}: ${JSON.stringify(reply.content)}`);
  return ms;
}

interface Figures {
  startMs: number;
  /** The first cell waits for TypeScript to load (started right after the first kernel_info_reply). */
  firstCellMs: number;
  trivialRepeatMs: number;
  trivialDistinctMs: number;
  firstImportMs?: number;
}

async function measure(name: string, runs: number, argv?: (file: string) => string[], cwd = PROJECT_ROOT): Promise<Figures> {
  const kernel = await KernelClient.start(cwd, argv);
  try {
    const firstCellMs = await roundTrip(kernel, "0");
    const repeat: number[] = [];
    const distinct: number[] = [];
    for (let i = 0; i < runs; i++) repeat.push(await roundTrip(kernel, "1 + 1"));
    for (let i = 0; i < runs; i++) distinct.push(await roundTrip(kernel, `1 + ${i + 2}`));
    const figures: Figures = { startMs: kernel.startMs, firstCellMs, trivialRepeatMs: median(repeat), trivialDistinctMs: median(distinct) };
    if (!argv) figures.firstImportMs = await roundTrip(kernel, 'import { Value, displayBundle } from "backprop-lab";\ntypeof Value');
    console.log(`${name}: ${JSON.stringify(figures, (_, v) => (typeof v === "number" ? Math.round(v * 100) / 100 : v))}`);
    return figures;
  } finally {
    await kernel.close();
  }
}

export async function main(argv: string[]): Promise<number> {
  const runsAt = argv.indexOf("--runs");
  const runs = runsAt >= 0 ? Number(argv[runsAt + 1]) : 50;
  const scratch = mkdtempSync(path.join(os.tmpdir(), "bpl-bench-"));
  console.log(`kernel speed (${runs} runs per median; load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")})`);
  const ours = await measure("backprop-lab (project cwd)", runs);
  await measure("backprop-lab (scratch cwd)", runs, undefined, scratch);
  if (!argv.includes("--no-tslab")) {
    const tslab = path.join(PROJECT_ROOT, "node_modules", "tslab", "bin", "tslab");
    await measure("stock tslab 1.0.22", runs, (file) => [tslab, "kernel", "--config-path", file]);
  }
  console.log(
    `targets: start <= 1500 ms (${ours.startMs.toFixed(0)}), trivial cell <= 3 ms (${ours.trivialDistinctMs.toFixed(2)} distinct, ` +
      `${ours.trivialRepeatMs.toFixed(2)} repeated), first import <= 1000 ms (${ours.firstImportMs?.toFixed(0)})`,
  );
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
