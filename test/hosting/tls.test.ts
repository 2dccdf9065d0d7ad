/**
 * `npm start` with TLS_CERT_FILE / TLS_KEY_FILE / TLS_CA_FILE: the real server process serves
 * HTTPS and WSS itself, with a certificate made at test time (test/helpers/testCert.ts) that
 * this process trusts. Real SDK clients play Connect Four over wss://; a renewed certificate
 * is taken on SIGHUP while their room plays on, and by watching the files; junk handshakes are
 * closed and change nothing; plain HTTP on the TLS port gets a 400 saying to use https.
 */
import { copyFileSync, mkdirSync } from "node:fs";
import { connect as netConnect } from "node:net";
import { join } from "node:path";
import { connect as tlsConnect } from "node:tls";
import { Client, type Room } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Disc } from "../../shared/connect4/board.ts";
import { CONNECT4_ROOM, Connect4Msg } from "../../shared/connect4/protocol.ts";
import type { Connect4State } from "../../shared/connect4/schema.ts";
import { Msg, type PingMessage } from "../../shared/protocol.ts";
import { logLine, startApp, type App } from "../e2e/helpers/app.ts";
import { makeTestCerts, tlsEnv, trustInThisProcess } from "../helpers/testCert.ts";
import { joinOptions, untilState } from "../helpers/testServer.ts";

const certs = makeTestCerts();
trustInThisProcess(certs.caPem);
// The server reads these two paths; a renewal overwrites them, as certbot does.
const live = { certFile: join(certs.dir, "live.pem"), keyFile: join(certs.dir, "live.key") };
copyFileSync(certs.leaf.certFile, live.certFile);
copyFileSync(certs.leaf.keyFile, live.keyFile);
const env = { TLS_CERT_FILE: live.certFile, TLS_KEY_FILE: live.keyFile, TLS_CA_FILE: certs.caFile };

const apps: App[] = [];
afterAll(async () => {
  await Promise.all(apps.map((a) => a.stop()));
  certs.remove();
});
const start = async (e: Record<string, string>): Promise<App> => {
  const app = await startApp(e);
  apps.push(app);
  return app;
};

type C4 = Room<Connect4State>;
async function seat(sdk: Client, name: string, roomId?: string): Promise<C4> {
  const room = roomId ? await sdk.joinById<Connect4State>(roomId, joinOptions(name)) : await sdk.create<Connect4State>(CONNECT4_ROOM, joinOptions(name));
  room.onMessage(Msg.Ping, (m: PingMessage) => room.send(Msg.Pong, m));
  room.onMessage("*", () => undefined);
  return room;
}
const discs = (room: C4) => room.state.board.filter((c) => c !== Disc.Empty).length;

/** The certificate a fresh TLS connection to the server is shown. */
function servedFingerprint(url: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host: hostname, port: Number(port), servername: "localhost" }, () => {
      resolve(socket.getPeerCertificate().fingerprint256);
      socket.end();
    });
    socket.once("error", reject);
  });
}

/** Send raw bytes and resolve with what came back before the server closed the connection. */
function rawExchange(url: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = netConnect({ host: hostname, port: Number(port) }, () => socket.write(bytes));
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.once("close", () => resolve(Buffer.concat(chunks).toString("latin1")));
    socket.once("error", reject);
  });
}

/** A TLS alert record at level "fatal": what OpenSSL sends before it closes a bad handshake. */
const FATAL_ALERT = /^\x15\x03[\x01-\x04]\x00\x02\x02/;

describe("TLS served by the server itself", () => {
  let app: App;
  beforeAll(async () => {
    app = await start(env);
  });

  it("serves the health check over https and two SDK clients play Connect Four over wss", async () => {
    expect(app.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(app.log.join("")).toMatch(logLine("skirmish listening", { url: /"https:\/\/localhost:\d+"/, certificate: /".*localhost server.*"/ }));
    const health = await fetch(`${app.url}/health`);
    expect(health.status).toBe(200);

    const red = await seat(new Client(app.url), "alice");
    const yellow = await seat(new Client(app.url), "bob", red.roomId);
    try {
      expect((red.connection.transport as unknown as { ws: WebSocket }).ws.url).toMatch(/^wss:\/\/127\.0\.0\.1:\d+\//);
      await untilState(yellow, () => yellow.state.status === "playing");
      red.send(Connect4Msg.Drop, { column: 3 });
      await untilState(yellow, () => discs(yellow) === 1);

      // A renewal: new files on the same paths, then SIGHUP. New handshakes get the new certificate...
      expect(await servedFingerprint(app.url)).toBe(certs.leaf.fingerprint256);
      copyFileSync(certs.renewed.certFile, live.certFile);
      copyFileSync(certs.renewed.keyFile, live.keyFile);
      const reloaded = app.logged(logLine("tls certificate reloaded", { fingerprint256: certs.renewed.fingerprint256 }));
      app.signal("SIGHUP");
      await reloaded;
      expect(await servedFingerprint(app.url)).toBe(certs.renewed.fingerprint256);
      // ...while the room plays on over the connections opened before.
      yellow.send(Connect4Msg.Drop, { column: 4 });
      await untilState(red, () => discs(red) === 2);
      expect(red.connection.isOpen && yellow.connection.isOpen).toBe(true);

      // A bad renewal (a key of another certificate) is refused and the running certificate stays.
      copyFileSync(certs.strayKeyFile, live.keyFile);
      const refused = app.logged(logLine("tls reload refused; keeping the running certificate", { problems: /".*TLS_KEY_FILE: .* is not the private key.*"/ }));
      app.signal("SIGHUP");
      await refused;
      expect(await servedFingerprint(app.url)).toBe(certs.renewed.fingerprint256);
      red.send(Connect4Msg.Drop, { column: 3 });
      await untilState(yellow, () => discs(yellow) === 3);
    } finally {
      await Promise.all([red, yellow].map((r) => r.leave().catch(() => undefined)));
    }
  }, 60_000);

  it("closes junk handshakes with a TLS alert, answers plain HTTP with a 400 saying to use https, and keeps serving", async () => {
    // A TLS record of junk: a fatal TLS alert (record type 21, level 2), then the close.
    expect(await rawExchange(app.url, "\x16\x03\x01\x00\x05junkjunkjunk")).toMatch(FATAL_ALERT);
    await app.logged(logLine("request refused", { what: "tls", reason: /"TLS handshake failed \(.*\)"/ }));
    // Plain HTTP on the TLS port (its first byte is no TLS handshake): a 400 in plain HTTP, and never the route (no health).
    const plain = await rawExchange(app.url, "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
    expect(plain).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(plain).toContain('{"code":400,"error":"this port speaks HTTPS: use https:// in the address"}');
    expect(plain).not.toMatch(/"processId"/);
    expect((await fetch(`${app.url}/health`)).status).toBe(200);
  });

  it("picks up certificate files written in place without a signal (watched, debounced), and refuses a bad pair", async () => {
    const dir = join(certs.dir, "watched");
    mkdirSync(dir, { recursive: true });
    const files = { certFile: join(dir, "live.pem"), keyFile: join(dir, "live.key") };
    copyFileSync(certs.leaf.certFile, files.certFile);
    copyFileSync(certs.leaf.keyFile, files.keyFile);
    const watched = await start({ TLS_CERT_FILE: files.certFile, TLS_KEY_FILE: files.keyFile, TLS_CA_FILE: certs.caFile });
    expect(await servedFingerprint(watched.url)).toBe(certs.leaf.fingerprint256);
    const reloaded = watched.logged(logLine("tls certificate reloaded", { fingerprint256: certs.renewed.fingerprint256 }), 15_000);
    copyFileSync(certs.renewed.certFile, files.certFile);
    copyFileSync(certs.renewed.keyFile, files.keyFile);
    await reloaded;
    expect(await servedFingerprint(watched.url)).toBe(certs.renewed.fingerprint256);
    const refused = watched.logged(logLine("tls reload refused; keeping the running certificate", { problems: /".*TLS_KEY_FILE: .* is not the private key.*"/ }), 15_000);
    copyFileSync(certs.strayKeyFile, files.keyFile);
    await refused;
    expect(await servedFingerprint(watched.url)).toBe(certs.renewed.fingerprint256);
  }, 40_000);

  it("does not start with a key that is not the certificate's, naming TLS_KEY_FILE", async () => {
    await expect(startApp({ ...tlsEnv(certs), TLS_KEY_FILE: certs.strayKeyFile })).rejects.toThrow(/exited \(code 1\) before listening[\s\S]*TLS_KEY_FILE: ".*stray.key" is not the private key of the certificate in TLS_CERT_FILE/);
  });

  it("warns once at start in production over plain HTTP, and not with TLS", async () => {
    const plain = await start({ NODE_ENV: "production" });
    const warnings = plain.log.join("").match(/serving plain HTTP in production/g) ?? [];
    expect(warnings).toHaveLength(1);
    const secure = await start({ NODE_ENV: "production", ...tlsEnv(certs) });
    expect(secure.log.join("")).not.toMatch(/serving plain HTTP/);
  });
});
