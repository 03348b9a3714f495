// Test helpers for src/exercises: record what checks display, and read the error a check throws.

import { installDisplaySink, MimeBundle } from "../display/display";

export function recordDisplays(): { bundles: MimeBundle[]; stop(): void } {
  const bundles: MimeBundle[] = [];
  installDisplaySink({ display: (bundle) => void bundles.push(bundle) });
  return { bundles, stop: () => installDisplaySink(undefined) };
}

/** Runs fn, which must throw; returns the error so a test can assert its name and message. */
export function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the check to throw, but it passed");
}
