// Catches what plot code sends to the kernel's display sink, fresh for each test, so tests can assert the bundles sent.
import { afterEach, beforeEach } from "vitest";
import { installDisplaySink, type DisplayOptions, type MimeBundle } from "../../src/display/display";

export interface SentDisplay {
  bundle: MimeBundle;
  options: DisplayOptions;
  /** true when the display replaces an earlier one (update_display_data) */
  update: boolean;
}

/**
 * Registers beforeEach/afterEach in the calling file: each test starts with an empty list.
 */
export function captureDisplays(): SentDisplay[] {
  const sent: SentDisplay[] = [];
  beforeEach(() => {
    sent.length = 0;
    installDisplaySink({ display: (bundle, options, update) => sent.push({ bundle, options, update }) });
  });
  afterEach(() => installDisplaySink(undefined));
  return sent;
}
