/**
 * The reconnection token of the current game, kept in sessionStorage: it survives a
 * reload of this tab but not the tab itself, and never appears in a URL or a log line.
 */
const KEY = "skirmish.reconnect";

export const session = {
  save(token: string): void {
    sessionStorage.setItem(KEY, token);
  },
  load(): string | undefined {
    return sessionStorage.getItem(KEY) ?? undefined;
  },
  clear(): void {
    sessionStorage.removeItem(KEY);
  },
};
