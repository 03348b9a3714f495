// Where this checkout lives: the folder holding package.json, one level above src/, with symlinks resolved.
import { realpathSync } from "node:fs";
import * as path from "node:path";

/** The project root; symlinks resolved, so every module (kernel, grader, runner) names the same path. */
export const PROJECT_ROOT = realpathSync(path.resolve(__dirname, ".."));
