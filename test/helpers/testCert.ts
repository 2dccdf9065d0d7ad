/**
 * Certificates made at test time with the system `openssl` (npm test installs it): a CA, a
 * leaf for localhost and 127.0.0.1 signed by it (the server's TLS_CERT_FILE / TLS_KEY_FILE,
 * with the CA as TLS_CA_FILE), and a second leaf, for a renewal, with its own key.
 * The test process trusts the CA through `trustInThisProcess` (node:tls's default CA list,
 * which fetch and the WebSocket client both use); Chromium through the leaf key's SPKI hash.
 */
import { execFileSync } from "node:child_process";
import { createHash, X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getCACertificates, setDefaultCACertificates } from "node:tls";

export const OPENSSL_INSTALL_HINT = "sudo apt-get install -y openssl";

export interface Leaf {
  certFile: string;
  keyFile: string;
  /** base64 SHA-256 of the key's SubjectPublicKeyInfo: Chromium's --ignore-certificate-errors-spki-list. */
  spki: string;
  fingerprint256: string;
}

export interface TestCerts {
  dir: string;
  caFile: string;
  caPem: string;
  leaf: Leaf;
  /** Another certificate from the same CA, with another key: what a renewal brings. */
  renewed: Leaf;
  /** A key that belongs to neither certificate. */
  strayKeyFile: string;
  remove(): void;
}

function openssl(args: string[], cwd: string): void {
  try {
    execFileSync("openssl", args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
  } catch (e) {
    throw new Error(`openssl ${args[0]} failed (${e instanceof Error ? e.message : String(e)}); is it installed? ${OPENSSL_INSTALL_HINT}`);
  }
}

function leaf(dir: string, name: string): Leaf {
  const ext = join(dir, `${name}.ext`);
  writeFileSync(ext, "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n");
  openssl(["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", `${name}.key`], dir);
  openssl(["req", "-new", "-key", `${name}.key`, "-subj", `/CN=localhost ${name}`, "-out", `${name}.csr`], dir);
  openssl(["x509", "-req", "-in", `${name}.csr`, "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2", "-extfile", ext, "-out", `${name}.pem`], dir);
  const x509 = new X509Certificate(readFileSync(join(dir, `${name}.pem`)));
  const spkiDer = x509.publicKey.export({ type: "spki", format: "der" });
  return { certFile: join(dir, `${name}.pem`), keyFile: join(dir, `${name}.key`), spki: createHash("sha256").update(spkiDer).digest("base64"), fingerprint256: x509.fingerprint256 };
}

/** A fresh CA and two leaves in a temporary directory. */
export function makeTestCerts(): TestCerts {
  const dir = mkdtempSync(join(tmpdir(), "skirmish-tls-"));
  openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=Skirmish test CA"], dir);
  const certs = { leaf: leaf(dir, "server"), renewed: leaf(dir, "renewed") };
  openssl(["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "stray.key"], dir);
  return {
    dir,
    caFile: join(dir, "ca.pem"),
    caPem: readFileSync(join(dir, "ca.pem"), "utf8"),
    ...certs,
    strayKeyFile: join(dir, "stray.key"),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Trust the CA in this (test) process, beside the usual roots: fetch and WebSocket then accept the server. */
export function trustInThisProcess(caPem: string): void {
  setDefaultCACertificates([...getCACertificates("default"), caPem]);
}

/** The TLS variables for a server using `leaf`, with the CA as its chain. */
export const tlsEnv = (certs: TestCerts, which: Leaf = certs.leaf): Record<string, string> => ({ TLS_CERT_FILE: which.certFile, TLS_KEY_FILE: which.keyFile, TLS_CA_FILE: certs.caFile });
