// backprop-lab html <notebook.ipynb…> [--output-dir DIR]: nbconvert's HTML page, with one copy of plotly.js so every chart draws offline.

import * as fs from "node:fs";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { UsageError, parseArgs, stringOption } from "../grading/args";
import { withPlotly } from "../plot/plotly-library";
import { defaultJupyter } from "./server";

const USAGE = `usage: backprop-lab html <notebook.ipynb>… [--output-dir DIR]

  Writes <name>.html beside each notebook (or into DIR): Jupyter's own HTML export (nbconvert, lab
  template) plus one copy of plotly.js, so the page draws every chart with no network. Saved
  notebooks do not carry plotly.js themselves; this is where it goes in.`;

/** The HTML file written for one notebook. */
export function exportHtml(notebook: string, outputDir?: string): string {
  if (!fs.existsSync(notebook)) throw new Error(`${notebook}: no such notebook`);
  const jupyter = defaultJupyter();
  const converted = spawnSync(jupyter, ["nbconvert", "--to", "html", "--stdout", notebook], { encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
  if (converted.error) throw new Error(`could not run ${jupyter} nbconvert: ${converted.error.message}`);
  if (converted.status !== 0) throw new Error(`${notebook}: nbconvert failed:\n${converted.stderr.trim()}`);
  const out = path.join(outputDir ?? path.dirname(notebook), `${path.basename(notebook, ".ipynb")}.html`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, withPlotly(converted.stdout));
  return out;
}

export async function main(argv: string[]): Promise<number> {
  try {
    const args = parseArgs(argv, ["output-dir"], ["help"]);
    if (args.options.has("help")) {
      console.log(USAGE);
      return 0;
    }
    if (args.positionals.length === 0) throw new UsageError("give one or more notebooks");
    for (const notebook of args.positionals) console.log(`${notebook}: wrote ${exportHtml(notebook, stringOption(args, "output-dir"))}`);
    return 0;
  } catch (error) {
    console.error(`backprop-lab html: ${(error as Error).message}`);
    if (error instanceof UsageError) console.error(USAGE);
    return error instanceof UsageError ? 2 : 1;
  }
}
