// The spare setting: on by default for every Jupyter, off with 0, and each value its own socket.

import { describe, expect, it } from "vitest";
import { spareSetting, spareSocketPath } from "./spare-socket";

describe("spareSetting", () => {
  it("is on when BACKPROP_LAB_SPARE_KERNEL is unset or empty, so a Jupyter started by hand gets spares too", () => {
    expect(spareSetting({})).toBe("1");
    expect(spareSetting({ BACKPROP_LAB_SPARE_KERNEL: "" })).toBe("1");
  });

  it("is off with 0", () => {
    expect(spareSetting({ BACKPROP_LAB_SPARE_KERNEL: "0" })).toBeUndefined();
  });

  it("keeps any other value, which names a pool of spares of its own", () => {
    expect(spareSetting({ BACKPROP_LAB_SPARE_KERNEL: "bench-7" })).toBe("bench-7");
  });
});

describe("spareSocketPath", () => {
  it("is the same socket with the setting unset as with 1, so `npm start`'s spares serve a Jupyter started by hand", () => {
    expect(spareSocketPath({})).toBe(spareSocketPath({ BACKPROP_LAB_SPARE_KERNEL: "1" }));
  });

  it("differs between settings and cache folders", () => {
    const paths = new Set([
      spareSocketPath({}),
      spareSocketPath({ BACKPROP_LAB_SPARE_KERNEL: "bench-7" }),
      spareSocketPath({ BACKPROP_LAB_CACHE_DIR: "/tmp/elsewhere" }),
    ]);
    expect(paths.size).toBe(3);
  });
});
