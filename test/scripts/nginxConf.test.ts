/** scripts/nginxConf.ts: deploy/nginx/skirmish.conf filled in, and values nginx would misread refused. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { NGINX_TEMPLATE, renderNginxConf, type NginxValues } from "../../scripts/nginxConf.ts";

const values: NginxValues = { SERVER_NAME: "play.example.com", LISTEN: "443", CERT_FILE: "/etc/ssl/a.pem", KEY_FILE: "/etc/ssl/a.key", PROCESS_1: "127.0.0.1:2567", PROCESS_2: "127.0.0.1:2568" };

describe("the nginx configuration template", () => {
  it("fills every placeholder, and forwards the client address on every location", () => {
    const conf = renderNginxConf(values);
    expect(conf).not.toMatch(/\{\{[A-Z0-9_]+\}\}/);
    expect(conf).toContain("listen 443 ssl;");
    expect(conf).toContain("proxy_pass http://127.0.0.1:2568;");
    const locations = conf.split(/\n\s*location /).slice(1);
    expect(locations).toHaveLength(4);
    for (const l of locations) expect(l).toContain("proxy_set_header X-Forwarded-For $remote_addr;");
  });

  it("refuses a value that would break nginx's syntax, naming it", () => {
    expect(() => renderNginxConf({ ...values, CERT_FILE: "/x.pem; include /etc/passwd" })).toThrow(/^CERT_FILE must match/);
    expect(() => renderNginxConf({ ...values, PROCESS_2: "127.0.0.1" })).toThrow(/^PROCESS_2 must match/);
    expect(() => renderNginxConf({ ...values, LISTEN: "" })).toThrow(/^LISTEN must match/);
  });

  it("refuses a template with a placeholder it does not know", () => {
    expect(() => renderNginxConf(values, `${readFileSync(NGINX_TEMPLATE, "utf8")}\n# {{UPSTREAM_3}}\n`)).toThrow("the template has an unknown placeholder {{UPSTREAM_3}}");
  });
});
