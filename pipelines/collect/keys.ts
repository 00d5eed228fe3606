/**
 * Submission keys: generation, the stored slow hash, and constant-time verification.
 *
 * A key reads `pmk_<id>_<secret>`: `id` (12 hex characters) is public and names the row; `secret`
 * is 32 bytes from crypto.randomBytes, base64url. The warehouse keeps only
 * `scrypt$N$r$p$<salt>$<hash>` with a per-key 16-byte salt. N = 2^14, r = 8, p = 1 (16 MiB and
 * ~40 ms a check here): the secret has 256 bits of entropy, so the hash protects a stolen warehouse
 * from turning into working keys; it is not what stops guessing (the rate limit and the entropy do).
 * An unknown id still costs one scrypt run against a dummy hash, so timing tells nothing about
 * which ids exist; hashes are compared with timingSafeEqual.
 */
import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

export const SCRYPT = { N: 2 ** 14, r: 8, p: 1, keyLength: 32, saltBytes: 16 } as const;
const MAXMEM = 64 * 1024 * 1024;
const KEY_PATTERN = /^pmk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export interface NewKey {
  id: string;
  /** The whole key, shown once. */
  key: string;
  /** What the warehouse stores. */
  hash: string;
}

function scryptAsync(secret: string, salt: Buffer, N: number, r: number, p: number, len: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, len, { N, r, p, maxmem: MAXMEM }, (error, derived) => (error ? reject(error) : resolve(derived)));
  });
}

export async function hashSecret(secret: string, salt: Buffer = randomBytes(SCRYPT.saltBytes)): Promise<string> {
  const { N, r, p, keyLength } = SCRYPT;
  const derived = await scryptAsync(secret, salt, N, r, p, keyLength);
  return `scrypt$${N}$${r}$${p}$${salt.toString("base64url")}$${derived.toString("base64url")}`;
}

/** A fresh key and its stored hash. */
export async function newKey(): Promise<NewKey> {
  const id = randomBytes(6).toString("hex");
  const secret = randomBytes(32).toString("base64url");
  return { id, key: `pmk_${id}_${secret}`, hash: await hashSecret(secret) };
}

/** The id and secret of a well-formed key, or null (nothing else is looked at). */
export function parseKey(key: string | null | undefined): { id: string; secret: string } | null {
  const m = KEY_PATTERN.exec((key ?? "").trim());
  return m ? { id: m[1], secret: m[2] } : null;
}

// Verified against when the id is unknown, so an unknown id costs the same scrypt run.
let dummy: Promise<string> | null = null;
const DUMMY = () => {
  dummy ??= hashSecret(randomBytes(32).toString("base64url"));
  return dummy;
};

/** Whether `secret` matches `stored` (null: the id is unknown; the same work is done). */
export async function verifySecret(secret: string, stored: string | null): Promise<boolean> {
  const parts = (stored ?? (await DUMMY())).split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4], "base64url");
  const expected = Buffer.from(parts[5], "base64url");
  const actual = await scryptAsync(secret, salt, N, r, p, expected.length);
  return timingSafeEqual(actual, expected) && stored !== null;
}
