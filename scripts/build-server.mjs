// `npm run build:server`: compile the server (and the shared code it imports) to JavaScript in
// dist/server, which `npm start` and `npm run serve` run.
import { compile } from "./compile.ts";

process.exit(compile("server/tsconfig.build.json", "dist/server") ? 0 : 1);
