// `npm run -s nginx-conf -- [options] > /etc/nginx/conf.d/skirmish.conf`: prints
// deploy/nginx/skirmish.conf with its placeholders filled in (docs/scaling.md, "nginx in front").
import { parseCommandLine, usageError } from "./cli.ts";
import { renderNginxConf } from "./nginxConf.ts";

const tool = {
  usage: "npm run nginx-conf -- [options]   (with -s, to redirect it: npm run -s nginx-conf -- ... > skirmish.conf)",
  summary: "Print deploy/nginx/skirmish.conf (TLS at nginx, two Skirmish processes) with its placeholders filled in.",
  options: {
    "server-name": { type: "string", default: "localhost", help: "the public host name (SERVER_NAME)" },
    listen: { type: "string", default: "443", help: "nginx's TLS port, or address:port (LISTEN)" },
    cert: { type: "string", default: "/etc/ssl/certs/skirmish.pem", help: "the certificate chain, PEM (CERT_FILE)" },
    key: { type: "string", default: "/etc/ssl/private/skirmish.key", help: "its private key, PEM (KEY_FILE)" },
    "process-1": { type: "string", default: "127.0.0.1:2567", help: "the first process, host:port (PROCESS_1; PUBLIC_ADDRESS=<server-name>/s1)" },
    "process-2": { type: "string", default: "127.0.0.1:2568", help: "the second process, host:port (PROCESS_2; PUBLIC_ADDRESS=<server-name>/s2)" },
  },
};
const { values } = parseCommandLine(tool);
try {
  process.stdout.write(
    renderNginxConf({
      SERVER_NAME: values["server-name"],
      LISTEN: values.listen,
      CERT_FILE: values.cert,
      KEY_FILE: values.key,
      PROCESS_1: values["process-1"],
      PROCESS_2: values["process-2"],
    }),
  );
} catch (e) {
  usageError(tool, e instanceof Error ? e.message : String(e));
}
