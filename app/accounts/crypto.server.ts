import { createHash, randomBytes } from "node:crypto";

/** A secret for a cookie or a link: 256 bits, URL-safe. */
export const newToken = () => randomBytes(32).toString("base64url");

/** What we store instead of a secret, so a leaked database cannot be replayed. */
export const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

// No 0/O, 1/I/L: the code is read aloud over the phone and typed by people with dyslexia.
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/** A short code a person can type: "K7MQ-2PXR" (40 bits). */
export function newCode(): string {
  const bytes = randomBytes(8);
  const chars = [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join("");
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/** Codes are compared without case, spaces or dashes. */
export const normaliseCode = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, "");
