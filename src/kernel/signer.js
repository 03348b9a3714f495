// HMAC signing of Jupyter messages, the one implementation for the main thread (wire.ts) and the control
// thread (control-thread.js, plain JavaScript: a worker does not inherit the tsx loader).
"use strict";
const { createHmac, timingSafeEqual } = require("crypto");

/** Signs and checks frames; an empty key disables signing, as the spec allows. */
class Signer {
  constructor(key, scheme) {
    this.key = key;
    this.algorithm = (scheme || "hmac-sha256").replace(/^hmac-/, "");
  }

  sign(parts) {
    if (!this.key) return "";
    const hmac = createHmac(this.algorithm, this.key);
    for (const part of parts) hmac.update(part);
    return hmac.digest("hex");
  }

  /** Constant-time comparison: the time taken says nothing about how much of a forged signature was right. */
  verify(signature, parts) {
    if (!this.key) return true;
    const expected = Buffer.from(this.sign(parts));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}

module.exports = { Signer };
