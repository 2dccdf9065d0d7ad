/**
 * The reconnection token of the current game, kept in sessionStorage: it survives a
 * reload of this tab but not the tab itself, and never appears in a URL or a log line.
 */
const KEY = "skirmish.reconnect";
/** The number of the last numbered message handled, so a reload resumes where the tab left off. */
const LAST = "skirmish.resume-last";

export const session = {
  save(token: string): void {
    sessionStorage.setItem(KEY, token);
  },
  load(): string | undefined {
    return sessionStorage.getItem(KEY) ?? undefined;
  },
  clear(): void {
    sessionStorage.removeItem(KEY);
    sessionStorage.removeItem(LAST);
  },
  saveLast(n: number): void {
    sessionStorage.setItem(LAST, String(n));
  },
  loadLast(): number {
    const n = Number(sessionStorage.getItem(LAST));
    return Number.isSafeInteger(n) && n > 0 ? n : 0;
  },
};
