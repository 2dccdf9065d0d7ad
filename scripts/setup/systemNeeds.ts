/**
 * What `npm test` needs from the operating system, one row per binary, and how to find it.
 * A new need is one more row (see the PostgreSQL server's, found off PATH).
 * Node type stripping runs this file as it is (npm test runs Node 24), so it keeps to
 * erasable TypeScript: no enums, no parameter properties.
 */
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

export interface SystemNeed {
  /** The executable's file name. */
  binary: string;
  /** Where to look besides PATH (Debian puts some servers off PATH). */
  dirs?: readonly string[];
  /** The Debian/Ubuntu package that provides it. */
  aptPackage: string;
  /** Which tests need it, for the line printed when it is installed. */
  why: string;
}

export const SYSTEM_NEEDS: readonly SystemNeed[] = [
  { binary: "chromium", aptPackage: "chromium", why: "the browser tests drive the system Chromium" },
  { binary: "redis-server", aptPackage: "redis-server", why: "the hosting tests run server processes over a real Redis" },
  { binary: "openssl", aptPackage: "openssl", why: "the TLS tests make their certificates at test time" },
  { binary: "nginx", dirs: ["/usr/sbin"], aptPackage: "nginx", why: "the load-balancer test runs deploy/nginx/skirmish.conf in front of two processes" },
  { binary: "postgres", dirs: ["/usr/lib/postgresql/15/bin"], aptPackage: "postgresql", why: "the accounts tests run against a real PostgreSQL as well as the embedded database" },
];

/** Whether a file is there and executable. */
export type IsExecutable = (file: string) => boolean;

export const isExecutableFile: IsExecutable = (file) => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** Where `need` is (its own dirs first, then PATH), or undefined: `which`, without a process. */
export function findNeed(need: SystemNeed, pathEnv: string, isExecutable: IsExecutable = isExecutableFile): string | undefined {
  const dirs = [...(need.dirs ?? []), ...pathEnv.split(delimiter).filter(Boolean)];
  for (const dir of dirs) {
    const file = join(dir, need.binary);
    if (isExecutable(file)) return file;
  }
  return undefined;
}
