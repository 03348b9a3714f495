// A fresh temp folder per workspace test: notebooks/ holding the tiny course under one name, and where workspace/ goes.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { notebook, tinyCells, writeJson } from "./tiny-course";

export interface TempCourse {
  dir: string;
  sources: string;
  ws: string;
}

/** Makes the folder with `name` (the tiny course's notebook) in its notebooks/; the caller removes `dir`. */
export function tempCourse(prefix: string, name: string): TempCourse {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const sources = path.join(dir, "notebooks");
  writeJson(path.join(sources, name), notebook(tinyCells()));
  return { dir, sources, ws: path.join(dir, "workspace") };
}
