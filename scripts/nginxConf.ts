/**
 * deploy/nginx/skirmish.conf with its {{PLACEHOLDERS}} filled in: what `npm run nginx-conf`
 * prints and what the load-balancer test runs. Erasable TypeScript (Node strips the types).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const NGINX_TEMPLATE = fileURLToPath(new URL("../deploy/nginx/skirmish.conf", import.meta.url));

/** Every placeholder the template has, and what each must look like. */
export const NGINX_PLACEHOLDERS = {
  SERVER_NAME: /^[A-Za-z0-9.-]+$/,
  LISTEN: /^(\[[0-9a-fA-F:]+\]:|[0-9.]+:)?\d{1,5}$/,
  CERT_FILE: /^\/[^\s;{}'"]+$/,
  KEY_FILE: /^\/[^\s;{}'"]+$/,
  PROCESS_1: /^[A-Za-z0-9.-]+:\d{1,5}$/,
  PROCESS_2: /^[A-Za-z0-9.-]+:\d{1,5}$/,
} as const;

export type NginxValues = Record<keyof typeof NGINX_PLACEHOLDERS, string>;

/** The template with every placeholder replaced; throws naming a value that cannot go into nginx's syntax. */
export function renderNginxConf(values: NginxValues, template: string = readFileSync(NGINX_TEMPLATE, "utf8")): string {
  for (const [name, shape] of Object.entries(NGINX_PLACEHOLDERS)) {
    const value = values[name as keyof NginxValues];
    if (typeof value !== "string" || !shape.test(value)) throw new Error(`${name} must match ${shape}, got ${JSON.stringify(value)}`);
  }
  const text = template.replace(/\{\{([A-Z0-9_]+)\}\}/g, (whole, name: string) => {
    if (!(name in NGINX_PLACEHOLDERS)) throw new Error(`the template has an unknown placeholder ${whole}`);
    return values[name as keyof NginxValues];
  });
  return text;
}
