// Where a warm spare kernel waits to be handed a connection: one Unix socket per checkout, cache folder, user and
// spare setting. Plain JavaScript, because the kernelspec's launcher reads it before any TypeScript loader.

"use strict";
const { createHash } = require("crypto");
const { realpathSync } = require("fs");
const os = require("os");
const path = require("path");

const PROJECT_ROOT = realpathSync(path.resolve(__dirname, "..", ".."));

/**
 * The spare setting: BACKPROP_LAB_SPARE_KERNEL, "1" when unset (spares are on for every Jupyter that starts our
 * kernelspec), or undefined when it is "0" (off). Any other value names a separate pool of spares (tests, the benchmark).
 */
function spareSetting(env) {
  const value = env.BACKPROP_LAB_SPARE_KERNEL || "1";
  return value === "0" ? undefined : value;
}

/** The socket's path: short (a Unix socket path has about 100 bytes), in the temp folder, named by a hash. */
function spareSocketPath(env) {
  const uid = typeof process.getuid === "function" ? process.getuid() : 0;
  const parts = [PROJECT_ROOT, env.BACKPROP_LAB_CACHE_DIR || "", String(uid), spareSetting(env) || ""];
  const hash = createHash("sha1").update(parts.join("\0")).digest("hex").slice(0, 16);
  return path.join(os.tmpdir(), `backprop-lab-spare-${hash}.sock`);
}

/** A spare answers this line with SPARE_ANSWER and whether its compiler is warmed up (SPARE_WARM) or not yet. */
const SPARE_QUESTION = "anyone waiting?";
const SPARE_ANSWER = "a spare waits here";
const SPARE_WARM = "(compiler warmed up)";
const SPARE_WARMING = "(warming up the compiler)";

module.exports = { spareSetting, spareSocketPath, SPARE_QUESTION, SPARE_ANSWER, SPARE_WARM, SPARE_WARMING };
