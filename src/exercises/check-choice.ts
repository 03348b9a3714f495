// checkChoice, checkBoolean and checkMatching: choice, yes/no and match-the-terms answers, with a hint per wrong pick.

import { freeze, hasOwn, ownKeys, ownOption } from "./intrinsics";
import { fail } from "./errors";
import { showPassed } from "./passed";
import { formatNumber } from "./describe";

export interface ChoiceCheckOptions {
  /** Every allowed answer; anything else is reported as not one of the choices. */
  choices: readonly string[];
  /** Why a wrong choice is wrong, keyed by the choice. */
  hints?: { readonly [choice: string]: string };
}

function listText(items: readonly string[]): string {
  let out = "";
  for (let i = 0; i < items.length; i++) out += (i > 0 ? ", " : "") + `"${items[i]}"`;
  return out;
}

function ownHint(hints: { readonly [k: string]: string } | undefined, key: string): string | undefined {
  if (hints === undefined || hints === null || !hasOwn(hints, key)) return undefined;
  return hints[key];
}

/** got must be the string `expected`, one of options.choices. */
export function checkChoice(name: string, got: unknown, expected: string, options: ChoiceCheckOptions): void {
  const choices = ownOption<readonly string[]>(options, "choices", []);
  if (got === undefined) fail(`${name} is undefined. Did you run the cell above, and does it assign ${name}?`);
  let allowed = false;
  for (let i = 0; i < choices.length; i++) if (choices[i] === got) allowed = true;
  if (typeof got !== "string" || !allowed) {
    fail(`${name} should be one of ${listText(choices)}, got ${typeof got === "string" ? `"${got}"` : "a " + typeof got}.`);
  }
  if (got === expected) {
    showPassed(`${name} = "${got}"`);
    return;
  }
  const hint = ownHint(ownOption(options, "hints", undefined), got);
  fail(`${name} = "${got}" is not the best answer.` + (hint ? ` ${hint}` : " Reread the cells above and try another."));
}

/** got must be the boolean `expected`; a number or string gets told to compare instead. */
export function checkBoolean(name: string, got: unknown, expected: boolean, options?: { hint?: string }): void {
  if (got === undefined) fail(`${name} is undefined. Did you run the cell above, and does it assign ${name}?`);
  if (typeof got !== "boolean") {
    const what = typeof got === "number" ? `the number ${formatNumber(got)}` : typeof got === "string" ? `the string "${got}"` : `a ${typeof got}`;
    fail(`${name} should be true or false, got ${what}. Write a comparison, like a < b.`);
  }
  if (got === expected) {
    showPassed(`${name} = ${got}`);
    return;
  }
  const hint = ownOption<string | undefined>(options, "hint", undefined);
  fail(`${name} = ${got} is not right.` + (hint ? ` ${hint}` : ""));
}

/** got maps each term to a definition's key; feedback names every term matched wrongly. */
export function checkMatching(
  name: string,
  got: unknown,
  expected: { readonly [term: string]: string },
  options?: { hints?: { readonly [term: string]: string } },
): void {
  if (got === undefined) fail(`${name} is undefined. Did you run the cell above, and does it assign ${name}?`);
  if (got === null || typeof got !== "object") fail(`${name} should be an object mapping each term to a definition.`);
  const keys = ownKeys(expected);
  const hints = ownOption<{ readonly [term: string]: string } | undefined>(options, "hints", undefined);
  let wrong = 0;
  let report = "";
  for (let i = 0; i < keys.length; i++) {
    const term = keys[i];
    if (typeof term !== "string") continue;
    const pick = hasOwn(got, term) ? (got as { [k: string]: unknown })[term] : undefined;
    if (pick === expected[term]) continue;
    wrong++;
    const hint = ownHint(hints, term);
    report += `\n  ${term}: ${pick === undefined ? "not matched" : `"${pick}" is not it`}` + (hint ? `. ${hint}` : "");
  }
  if (wrong === 0) {
    showPassed(`${name}: all ${keys.length} matched`);
    return;
  }
  fail(`${name}: ${keys.length - wrong} of ${keys.length} matched.${report}`);
}

freeze(checkChoice);
freeze(checkBoolean);
freeze(checkMatching);
