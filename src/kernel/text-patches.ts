// Edits to an installed package's compiled JavaScript, made as it loads. An anchor that is missing or not unique
// stops the kernel with the edit's name: running the unedited code would quietly bring back what the edit fixes.

/** One edit: its name (said when it does not fit), the text it replaces, which must occur exactly once, and the new text. */
export type TextPatch = [name: string, anchor: string, replacement: string];

export class PatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PatchError";
  }
}

/**
 * Applies every patch to `source` (the text of `file`) in order, or throws naming the first that does not fit.
 * `subject` and `pinned` name what is patched in the message ("tslab's converter", "tslab 1.0.22").
 */
export function applyTextPatches(source: string, file: string, patches: readonly TextPatch[], subject: string, pinned: string): string {
  for (const [name, anchor, replacement] of patches) {
    const at = source.indexOf(anchor);
    const found = at < 0 ? 0 : source.indexOf(anchor, at + 1) < 0 ? 1 : 2;
    if (found !== 1) {
      throw new PatchError(
        `${subject} cannot be patched: the anchor of patch "${name}" occurs ${found === 0 ? "nowhere" : "more than once"} in ${file} ` +
          `(the installed one is not the pinned ${pinned}?); its first line is ${JSON.stringify(anchor.split("\n")[0].trim())}`,
      );
    }
    source = source.slice(0, at) + replacement + source.slice(at + anchor.length);
  }
  return source;
}
