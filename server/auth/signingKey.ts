/**
 * The key access tokens are signed with: AUTH_SECRET when set (every process of a cluster on
 * several machines needs the same one), else 32 random bytes generated on first start into
 * DATA_DIR/auth-secret with mode 0600 and read back on every later start, so tokens outlive
 * a restart. Processes starting together race on the file: the first write wins ('wx'), and
 * the others read what it wrote.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const SECRET_FILE = "auth-secret";

export function signingKey(secret: string | undefined, dataDir: string): Uint8Array {
  if (secret) return new TextEncoder().encode(secret);
  // In-memory stores (tests) get a key for this process only.
  if (dataDir === ":memory:") return randomBytes(32);
  const file = join(dataDir, SECRET_FILE);
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  }
  const text = readFileSync(file, "utf8").trim();
  if (text.length < 32) throw new Error(`${file} holds no usable key; delete it to generate one (every signed-in player signs in again)`);
  return new TextEncoder().encode(text);
}
