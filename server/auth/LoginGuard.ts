/**
 * The budget of wrong passwords: per address (someone trying many accounts) and per
 * username (many addresses trying one account), each a burst then a slow refill. Only wrong
 * attempts spend it; while either is spent, the login is refused with Retry-After before the
 * password is even hashed, so a guesser also cannot make the server burn scrypt's memory.
 */
import { AddressBuckets } from "../net/AddressBuckets.ts";

/** Per address: 10 wrong, then one every 6 s. Per username: 5 wrong, then one every 30 s. */
const PER_ADDRESS: [number, number] = [10, 1 / 6];
const PER_USERNAME: [number, number] = [5, 1 / 30];

export class LoginGuard {
  private readonly byAddress: AddressBuckets;
  private readonly byUsername: AddressBuckets;

  constructor(now?: () => number) {
    this.byAddress = new AddressBuckets(PER_ADDRESS[0], PER_ADDRESS[1], now);
    this.byUsername = new AddressBuckets(PER_USERNAME[0], PER_USERNAME[1], now);
  }

  /** Seconds until this address may try this username again (0: now). */
  waitSeconds(address: string, username: string): number {
    return Math.max(this.byAddress.retryAfterSeconds(address), this.byUsername.retryAfterSeconds(username));
  }

  /** Count a wrong password against both. */
  wrong(address: string, username: string): void {
    this.byAddress.take(address);
    this.byUsername.take(username);
  }
}
