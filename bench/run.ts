// npm run bench: runs every benchmark (bench/index.ts) with the command line's arguments.
import { main } from "./index";

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => { console.error(error instanceof Error ? error.stack : error); process.exitCode = 1; },
);
