// backprop-lab html <notebook.ipynb…> [--output-dir DIR]: nbconvert's HTML page, with one copy of plotly.js so every chart draws offline.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { UsageError, parseArgs, stringOption } from "../cli-args";
import { PLOTLY_MIME, figureHTML } from "../plot/bundle";
import type { FigureJSON } from "../plot/figure-json";
import { withPlotly } from "../plot/plotly-library";
import { joinSource, readNotebook, writeNotebook, type Notebook } from "./nbformat";
import { defaultJupyter } from "./server";

const USAGE = `usage: backprop-lab html <notebook.ipynb>… [--output-dir DIR]

  Writes <name>.html beside each notebook (or into DIR): Jupyter's own HTML export (nbconvert, lab
  template) plus one copy of plotly.js, so the page draws every chart with no network. Saved
  notebooks do not carry plotly.js themselves; this is where it goes in.`;

/** A copy whose chart outputs carry HTML that draws them (saved notebooks carry only the words). */
export function withDrawingHtml(notebook: Notebook): Notebook {
  const copy = structuredClone(notebook);
  for (const [c, cell] of copy.cells.entries()) {
    if (cell.cell_type !== "code") continue;
    for (const [o, output] of cell.outputs.entries()) {
      if (output.output_type !== "display_data" && output.output_type !== "execute_result") continue;
      const figure = output.data[PLOTLY_MIME] as FigureJSON | undefined;
      if (figure === undefined) continue;
      const words = output.data["text/plain"];
      output.data["text/html"] = figureHTML(figure, typeof words === "string" || Array.isArray(words) ? joinSource(words as string | string[]) : "", `bpl-fig-${c}-${o}`);
    }
  }
  return copy;
}

/** The HTML file written for one notebook. */
export function exportHtml(notebook: string, outputDir?: string): string {
  if (!fs.existsSync(notebook)) throw new Error(`${notebook}: no such notebook`);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "bpl-html-"));
  const drawn = path.join(scratch, path.basename(notebook));
  const jupyter = defaultJupyter();
  let converted: ReturnType<typeof spawnSync>;
  try {
    writeNotebook(drawn, withDrawingHtml(readNotebook(notebook)));
    converted = spawnSync(jupyter, ["nbconvert", "--to", "html", "--stdout", drawn], { encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  if (converted.error) throw new Error(`could not run ${jupyter} nbconvert: ${converted.error.message}`);
  if (converted.status !== 0) throw new Error(`${notebook}: nbconvert failed:\n${String(converted.stderr).trim()}`);
  const out = path.join(outputDir ?? path.dirname(notebook), `${path.basename(notebook, ".ipynb")}.html`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, withPlotly(String(converted.stdout)));
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
