/**
 * The embedded database and the signing key live in DATA_DIR, created on first start: an
 * account and its tokens outlive a restart of the server, and the generated key file is
 * readable by its owner only.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SECRET_FILE } from "../../server/auth/signingKey.ts";
import { guest, me, post } from "../helpers/authHttp.ts";
import { startTestServer, type TestServer } from "../helpers/testServer.ts";

let server: TestServer | undefined;
let dir: string | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the embedded database in DATA_DIR", () => {
  it("is created on first start and keeps accounts and tokens across a restart", async () => {
    dir = mkdtempSync(join(tmpdir(), "skirmish-data-"));
    const dataDir = join(dir, "fresh", "data"); // does not exist yet
    server = await startTestServer({ DATA_DIR: dataDir });
    const g = await guest(server.url, "Persistent");
    await server.stop();
    expect(statSync(join(dataDir, "skirmish.db")).isFile()).toBe(true);
    expect(statSync(join(dataDir, SECRET_FILE)).mode & 0o777).toBe(0o600);

    server = await startTestServer({ DATA_DIR: dataDir });
    expect((await me(server.url, g.token)).body).toMatchObject({ id: g.account.id, name: "Persistent" });
    const r = await post(server.url, "/api/auth/refresh", { refreshToken: g.refreshToken });
    expect(r).toMatchObject({ status: 200, body: { account: g.account } });
  });
});
