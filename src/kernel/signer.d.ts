// Types of signer.js (plain JavaScript so the control thread can load it without tsx).

/** Signs and checks frames; an empty key disables signing, as the spec allows. */
export declare class Signer {
  constructor(key: string, scheme: string);
  sign(parts: (string | Buffer)[]): string;
  verify(signature: string, parts: Buffer[]): boolean;
}
