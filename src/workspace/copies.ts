// Which workspace notebook was made from which source: the state's records, else the stamp in the notebook itself.

import * as fs from "node:fs";
import * as path from "node:path";
import type { WorkspaceState } from "./state";

/** Where a workspace notebook names the source notebook it was made from (metadata.backprop_lab). */
export const SOURCE_STAMP_KEY = "workspace";

/** The source a notebook's text is stamped with; undefined for the learner's own notebooks and unreadable files. */
export function stampOf(text: string): string | undefined {
  try {
    const meta = (JSON.parse(text) as { metadata?: { backprop_lab?: { [SOURCE_STAMP_KEY]?: { source?: unknown } } } }).metadata;
    const source = meta?.backprop_lab?.[SOURCE_STAMP_KEY]?.source;
    return typeof source === "string" ? source : undefined;
  } catch {
    return undefined;
  }
}

/** Workspace notebooks that no record claims, with the source each was stamped from. */
export function unclaimedBySource(root: string, state: WorkspaceState): Map<string, string[]> {
  const claimed = new Set(Object.values(state.notebooks).map((record) => record.file));
  const out = new Map<string, string[]>();
  for (const name of fs.readdirSync(root).sort()) {
    if (!name.endsWith(".ipynb") || claimed.has(name)) continue;
    const source = stampOf(fs.readFileSync(path.join(root, name), "utf8"));
    if (source !== undefined) out.set(source, [...(out.get(source) ?? []), name]);
  }
  return out;
}

export interface LearnerCopy {
  /** The source notebook's name (a key of the state, possibly no longer in the course). */
  source: string;
  /** The workspace file name. */
  file: string;
}

/**
 * Every workspace notebook made from a source: each record's file, and for a source whose record is
 * missing or whose file is gone (renamed, state lost), the notebooks stamped with it.
 */
export function learnerCopies(root: string, state: WorkspaceState): LearnerCopy[] {
  const exists = (file: string): boolean => fs.existsSync(path.join(root, file));
  const out: LearnerCopy[] = [];
  for (const [source, record] of Object.entries(state.notebooks)) if (exists(record.file)) out.push({ source, file: record.file });
  for (const [source, files] of unclaimedBySource(root, state)) {
    const record = state.notebooks[source];
    if (record === undefined || !exists(record.file)) for (const file of files) out.push({ source, file });
  }
  return out;
}
