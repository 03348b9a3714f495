// backprop-lab feedback <autograde out dir>: (re)writes feedback/<student>.html from the stored results.

import { UsageError, parseArgs } from "../cli-args";
import { readResults } from "./gradebook";
import { writeFeedback } from "./feedback";

export async function main(argv: string[]): Promise<number> {
  try {
    const args = parseArgs(argv, [], []);
    if (args.positionals.length !== 1) throw new UsageError("usage: backprop-lab feedback <autograde out dir>");
    const results = readResults(args.positionals[0]);
    if (results.length === 0) throw new UsageError(`${args.positionals[0]} holds no results/ from autograde`);
    const files = writeFeedback(args.positionals[0], results);
    console.log(`wrote ${files.length} feedback report(s) to ${args.positionals[0]}/feedback`);
    return 0;
  } catch (error) {
    console.error(`backprop-lab feedback: ${(error as Error).message}`);
    return 2;
  }
}
