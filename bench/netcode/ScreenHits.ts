/**
 * Hit agreement, the shooter's side: a shot "hits on screen" when the shooter's own projectile,
 * where the shooter draws it, touches a remote player where the shooter draws that player. Each
 * such screen hit is paired with a server `hit` event from the same shooter on the same victim
 * within PAIR_MS either way (the server's verdict can arrive before the drawn shot lands: the
 * drawing runs an interpolation delay behind). Agreement is the share of screen hits paired.
 */
export const PAIR_MS = 1500;

interface Pending {
  victim: string;
  at: number;
}

export class ScreenHits {
  screen = 0;
  agreed = 0;
  private readonly unpairedScreen: Pending[] = [];
  private readonly unpairedServer: Pending[] = [];

  /** The shooter's screen showed its shot touching `victim` at `at`. */
  onScreen(victim: string, at: number): void {
    this.screen++;
    if (this.take(this.unpairedServer, victim, at)) this.agreed++;
    else this.unpairedScreen.push({ victim, at });
  }

  /** The server said this shooter hit `victim` (its event arrived at `at`). */
  onServer(victim: string, at: number): void {
    if (this.take(this.unpairedScreen, victim, at)) this.agreed++;
    else this.unpairedServer.push({ victim, at });
  }

  private take(list: Pending[], victim: string, at: number): boolean {
    while (list.length > 0 && list[0]!.at < at - PAIR_MS) list.shift();
    const i = list.findIndex((p) => p.victim === victim && Math.abs(p.at - at) <= PAIR_MS);
    if (i < 0) return false;
    list.splice(i, 1);
    return true;
  }
}
