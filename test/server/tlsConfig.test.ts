/**
 * TLS_CERT_FILE / TLS_KEY_FILE / TLS_CA_FILE at start: real files made by openssl, checked
 * the way the server uses them; every problem stops the start with a line naming the variable.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../server/config.ts";
import { plainHttpWarning } from "../../server/net/tlsReload.ts";
import { makeTestCerts, tlsEnv } from "../helpers/testCert.ts";

const certs = makeTestCerts();
afterAll(() => certs.remove());

describe("TLS configuration", () => {
  it("is off by default: plain HTTP", () => {
    expect(loadConfig({}).tls).toBeUndefined();
  });

  it("reads a certificate, its key and the CA chain", () => {
    const tls = loadConfig(tlsEnv(certs)).tls!;
    expect(tls.files).toEqual({ certFile: certs.leaf.certFile, keyFile: certs.leaf.keyFile, caFile: certs.caFile });
    expect(tls.material.cert.toString()).toContain("BEGIN CERTIFICATE");
    expect(tls.material.ca?.toString()).toContain("BEGIN CERTIFICATE");
    expect(tls.summary.fingerprint256).toBe(certs.leaf.fingerprint256);
    expect(loadConfig({ TLS_CERT_FILE: certs.leaf.certFile, TLS_KEY_FILE: certs.leaf.keyFile }).tls?.material.ca).toBeUndefined();
  });

  it("needs the certificate and the key together", () => {
    expect(() => loadConfig({ TLS_CERT_FILE: certs.leaf.certFile })).toThrow(/TLS_KEY_FILE: must be set with TLS_CERT_FILE/);
    expect(() => loadConfig({ TLS_KEY_FILE: certs.leaf.keyFile })).toThrow(/TLS_CERT_FILE: must be set with TLS_KEY_FILE/);
    expect(() => loadConfig({ TLS_CA_FILE: certs.caFile })).toThrow(/TLS_CA_FILE: needs TLS_CERT_FILE and TLS_KEY_FILE/);
  });

  it("names the variable whose file cannot be read", () => {
    const missing = join(certs.dir, "nope.pem");
    expect(() => loadConfig({ ...tlsEnv(certs), TLS_CERT_FILE: missing })).toThrow(`TLS_CERT_FILE: cannot read "${missing}" (ENOENT)`);
    expect(() => loadConfig({ ...tlsEnv(certs), TLS_KEY_FILE: missing })).toThrow(`TLS_KEY_FILE: cannot read "${missing}" (ENOENT)`);
    expect(() => loadConfig({ ...tlsEnv(certs), TLS_CA_FILE: missing })).toThrow(`TLS_CA_FILE: cannot read "${missing}" (ENOENT)`);
  });

  it("refuses a key that is not the certificate's, and files that are not PEM", () => {
    expect(() => loadConfig({ ...tlsEnv(certs), TLS_KEY_FILE: certs.strayKeyFile })).toThrow(/TLS_KEY_FILE: ".*stray.key" is not the private key of the certificate in TLS_CERT_FILE/);
    expect(() => loadConfig({ ...tlsEnv(certs), TLS_KEY_FILE: certs.renewed.keyFile })).toThrow(/TLS_KEY_FILE: .* is not the private key/);
    const junk = join(certs.dir, "junk.pem");
    writeFileSync(junk, "not a certificate\n");
    expect(() => loadConfig({ ...tlsEnv(certs), TLS_CERT_FILE: junk })).toThrow(/TLS_CERT_FILE: ".*junk.pem" is not a PEM certificate/);
    expect(() => loadConfig({ ...tlsEnv(certs), TLS_KEY_FILE: junk })).toThrow(/TLS_KEY_FILE: ".*junk.pem" is not a PEM private key/);
    expect(() => loadConfig({ ...tlsEnv(certs), TLS_CA_FILE: junk })).toThrow(/TLS_CA_FILE: ".*junk.pem" is not a PEM certificate chain/);
  });

  it("warns about plain HTTP only in production with neither TLS nor a trusted proxy", () => {
    expect(plainHttpWarning(loadConfig({ NODE_ENV: "production" }))).toMatch(/serving plain HTTP in production: set TLS_CERT_FILE and TLS_KEY_FILE, or .* TRUST_PROXY/);
    expect(plainHttpWarning(loadConfig({}))).toBeUndefined();
    expect(plainHttpWarning(loadConfig({ NODE_ENV: "production", TRUST_PROXY: "1" }))).toBeUndefined();
    expect(plainHttpWarning(loadConfig({ NODE_ENV: "production", ...tlsEnv(certs) }))).toBeUndefined();
  });
});
