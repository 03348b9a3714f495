// Where the kernel keeps what it builds once and reads at every start: TypeScript's code cache, the module's declarations.

import path from "path";
import { PROJECT_ROOT } from "../project-root";

/** node_modules/.cache/backprop-lab in the project, or BACKPROP_LAB_CACHE_DIR when set. */
export function kernelCacheDir(): string {
  return process.env.BACKPROP_LAB_CACHE_DIR || path.join(PROJECT_ROOT, "node_modules", ".cache", "backprop-lab");
}
