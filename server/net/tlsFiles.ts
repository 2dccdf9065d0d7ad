/**
 * TLS for hosts without a proxy: TLS_CERT_FILE and TLS_KEY_FILE (PEM), and optionally
 * TLS_CA_FILE (the intermediate chain sent after the certificate). Read and checked at start
 * (config.ts) and again on SIGHUP (main.ts), so a renewed certificate is served to new
 * connections without a restart; open connections and rooms are untouched.
 *
 * Every problem names its variable: a missing or unreadable file, a file that is not PEM, a
 * key that does not belong to the certificate.
 */
import { readFileSync } from "node:fs";
import { createPrivateKey, X509Certificate } from "node:crypto";
import { createSecureContext } from "node:tls";

/** Which files, as the environment named them. */
export interface TlsFiles {
  certFile: string;
  keyFile: string;
  caFile?: string;
}

/** What node:https takes (and `server.setSecureContext` on a reload). */
export interface TlsMaterial {
  cert: Buffer;
  key: Buffer;
  ca?: Buffer;
}

/** The files and what they held when last read. */
export interface TlsSettings {
  files: TlsFiles;
  material: TlsMaterial;
  /** The certificate's subject, expiry and fingerprint, for the log line. */
  summary: { subject: string; validTo: string; fingerprint256: string };
}

const text = (v: string | undefined): string | undefined => (v === undefined || v.trim() === "" ? undefined : v.trim());

/**
 * The TLS files named by the environment, or undefined (plain HTTP). Problems are pushed
 * onto `issues` as config.ts lists them ("  VARIABLE: why").
 */
export function tlsFilesFromEnv(env: Record<string, string | undefined>, issues: string[]): TlsFiles | undefined {
  const certFile = text(env.TLS_CERT_FILE);
  const keyFile = text(env.TLS_KEY_FILE);
  const caFile = text(env.TLS_CA_FILE);
  if (!certFile && !keyFile) {
    if (caFile) issues.push("  TLS_CA_FILE: needs TLS_CERT_FILE and TLS_KEY_FILE as well");
    return undefined;
  }
  if (!certFile) issues.push("  TLS_CERT_FILE: must be set with TLS_KEY_FILE (the certificate, PEM)");
  if (!keyFile) issues.push("  TLS_KEY_FILE: must be set with TLS_CERT_FILE (its private key, PEM)");
  if (!certFile || !keyFile) return undefined;
  return { certFile, keyFile, ...(caFile ? { caFile } : {}) };
}

/** Read and check the files; each problem is one "  VARIABLE: why" line. */
export function readTls(files: TlsFiles): { ok: true; value: TlsSettings } | { ok: false; issues: string[] } {
  const issues: string[] = [];
  const cert = readPem("TLS_CERT_FILE", files.certFile, issues);
  const key = readPem("TLS_KEY_FILE", files.keyFile, issues);
  const ca = files.caFile ? readPem("TLS_CA_FILE", files.caFile, issues) : undefined;
  if (!cert || !key || (files.caFile && !ca)) return { ok: false, issues };
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch (e) {
    return { ok: false, issues: [`  TLS_CERT_FILE: "${files.certFile}" is not a PEM certificate (${reason(e)})`] };
  }
  try {
    if (!x509.checkPrivateKey(createPrivateKey(key))) issues.push(`  TLS_KEY_FILE: "${files.keyFile}" is not the private key of the certificate in TLS_CERT_FILE`);
  } catch (e) {
    issues.push(`  TLS_KEY_FILE: "${files.keyFile}" is not a PEM private key (${reason(e)})`);
  }
  if (ca) {
    try {
      new X509Certificate(ca);
    } catch (e) {
      issues.push(`  TLS_CA_FILE: "${files.caFile}" is not a PEM certificate chain (${reason(e)})`);
    }
  }
  const material: TlsMaterial = { cert, key, ...(ca ? { ca } : {}) };
  if (issues.length === 0) {
    // What the server will do with them: anything OpenSSL still refuses is reported here, not at the first handshake.
    try {
      createSecureContext(material);
    } catch (e) {
      issues.push(`  TLS_CERT_FILE: OpenSSL refuses the certificate and key (${reason(e)})`);
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: { files, material, summary: { subject: x509.subject.replace(/\n/g, ", "), validTo: x509.validTo, fingerprint256: x509.fingerprint256 } } };
}

function readPem(variable: string, path: string, issues: string[]): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch (e) {
    issues.push(`  ${variable}: cannot read "${path}" (${e instanceof Error && "code" in e ? String(e.code) : "error"})`);
    return undefined;
  }
}

const reason = (e: unknown): string => (e instanceof Error ? e.message : String(e));
