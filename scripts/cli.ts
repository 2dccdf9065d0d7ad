/**
 * What every command-line tool of the repository does with its arguments: `node:util`
 * `parseArgs` (strict), `--help` printing the usage and options (exit 0), and a bad option or
 * value answered with one line and the usage (exit 2), never a stack trace. Plain erasable
 * TypeScript, so the .mjs scripts import it too (Node 24 strips the types).
 *
 *   const { values } = parseCommandLine({
 *     usage: "npm run bots -- [options]",
 *     summary: "Headless bots that join an arena and play until Ctrl-C.",
 *     options: { count: { type: "string", default: "4", help: "how many bots (1-64)" } },
 *   });
 */
import { parseArgs, type ParseArgsOptionsConfig } from "node:util";

/** An option as `parseArgs` takes it, with the line `--help` shows for it. */
export type DescribedOptions = { [name: string]: ParseArgsOptionsConfig[string] & { help: string } };

export interface Tool<O extends DescribedOptions> {
  /** How the tool is invoked, e.g. `npm run bench -- [options]`. */
  usage: string;
  /** One or two sentences: what the tool does. */
  summary: string;
  options: O;
  /** Whether positional arguments are taken (the usage line names them). */
  positionals?: boolean;
}

/** The usage text: the usage line, the summary, and one line per option with its default. */
export function usageText(tool: Tool<DescribedOptions>): string {
  const rows = Object.entries(tool.options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : ""}--${name}${o.type === "string" ? " <value>" : ""}`;
    const fallback = o.default === undefined || o.default === false ? "" : ` (default: ${[o.default].flat().join(",") || "none"})`;
    return [flag, `${o.help}${o.multiple ? " (repeatable)" : ""}${fallback}`] as const;
  });
  rows.push(["-h, --help", "show this help and exit"]);
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return [`usage: ${tool.usage}`, "", tool.summary, "", "options:", ...rows.map(([f, h]) => `  ${f.padEnd(width)}  ${h}`)].join("\n");
}

/** Print one line and the usage to stderr, and exit 2 (a usage error). */
export function usageError(tool: Tool<DescribedOptions>, message: string): never {
  process.stderr.write(`${message}\n\n${usageText(tool)}\n`);
  process.exit(2);
}

/** Parse `argv` (the process's arguments by default) for `tool`, or answer --help / a bad option and exit. */
export function parseCommandLine<const O extends DescribedOptions>(tool: Tool<O>, argv: string[] = process.argv.slice(2)) {
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(`${usageText(tool)}\n`);
    process.exit(0);
  }
  try {
    return parseArgs({ args: argv, options: tool.options, allowPositionals: tool.positionals ?? false, strict: true });
  } catch (e) {
    // parseArgs's own errors carry an ERR_PARSE_ARGS_* code and a one-line message.
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS_")) usageError(tool, (e as Error).message.split("\n")[0]!);
    throw e;
  }
}
