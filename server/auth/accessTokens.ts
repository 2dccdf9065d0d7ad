/**
 * Access tokens: HS256 JWTs (jose) naming the account (`sub`), its display name and the
 * sign-in they came from (`sid`), good for ACCESS_TOKEN_SECONDS. Issuer and audience are
 * checked, so a token of another service sharing the key is refused too.
 */
import { errors, jwtVerify, SignJWT } from "jose";
import { TokenProblem } from "../../shared/auth.ts";

export const ACCESS_TOKEN_SECONDS = 15 * 60;
const ISSUER = "skirmish";
const AUDIENCE = "skirmish:play";
/** Longer than any token this server makes: anything bigger is refused before it is parsed. */
const MAX_TOKEN_LENGTH = 2048;

export interface AccessClaims {
  accountId: string;
  sessionId: string;
}

/** A token refused for a named reason (shared/auth.ts TokenProblem). */
export class TokenError extends Error {
  override name = "TokenError";
  constructor(
    readonly problem: TokenProblem,
    message: string,
  ) {
    super(message);
  }
}

export class AccessTokens {
  constructor(
    private readonly key: Uint8Array,
    private readonly now: () => number = Date.now,
  ) {}

  async sign(c: AccessClaims): Promise<string> {
    const iat = Math.floor(this.now() / 1000);
    return new SignJWT({ sid: c.sessionId })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(c.accountId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(iat + ACCESS_TOKEN_SECONDS)
      .sign(this.key);
  }

  /** The claims of a token this server signed and that has not expired; else a TokenError. */
  async verify(token: string): Promise<AccessClaims> {
    if (token.length > MAX_TOKEN_LENGTH) throw new TokenError(TokenProblem.Invalid, "the token is not one this server signed");
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ["HS256"],
        issuer: ISSUER,
        audience: AUDIENCE,
        currentDate: new Date(this.now()),
        requiredClaims: ["sub", "sid", "exp"],
      });
      if (typeof payload.sub !== "string" || typeof payload.sid !== "string") throw new TokenError(TokenProblem.Invalid, "the token is not one this server signed");
      return { accountId: payload.sub, sessionId: payload.sid };
    } catch (e) {
      if (e instanceof TokenError) throw e;
      if (e instanceof errors.JWTExpired) throw new TokenError(TokenProblem.Expired, "the token has expired; refresh it");
      throw new TokenError(TokenProblem.Invalid, "the token is not one this server signed");
    }
  }
}
