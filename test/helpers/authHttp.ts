/** The accounts routes as the client calls them (fetch, JSON), for the accounts tests. */
import { SignJWT } from "jose";
import type { AuthErrorBody, Profile, SignIn } from "../../shared/auth.ts";

export interface Answer<T> {
  status: number;
  body: T;
}

async function call<T>(url: string, path: string, init: RequestInit): Promise<Answer<T>> {
  const res = await fetch(`${url}${path}`, init);
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
}

/** POST a JSON body (a string is sent as it is, for bodies that are not JSON). */
export const post = <T = SignIn & AuthErrorBody>(url: string, path: string, body: unknown): Promise<Answer<T>> =>
  call<T>(url, path, { method: "POST", headers: { "content-type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) });

export const me = (url: string, token: string): Promise<Answer<Profile & AuthErrorBody>> => call(url, "/api/accounts/me", { headers: { authorization: `Bearer ${token}` } });

/** A guest sign-in that must succeed. */
export async function guest(url: string, name: string): Promise<SignIn> {
  const r = await post<SignIn>(url, "/api/auth/guest", { name });
  if (r.status !== 201) throw new Error(`guest sign-in failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** The sign-in id (`sid`) an access token carries. */
export const sidOf = (token: string): string => JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()).sid as string;

/** A token shaped as the server signs them, with `secret` and the claims given (expired, foreign, another audience). */
export const forgeToken = (secret: string, claims: { sub: string; sid: string; exp: number; aud?: string }): Promise<string> =>
  new SignJWT({ sid: claims.sid })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(claims.sub)
    .setIssuer("skirmish")
    .setAudience(claims.aud ?? "skirmish:play")
    .setIssuedAt(claims.exp - 900)
    .setExpirationTime(claims.exp)
    .sign(new TextEncoder().encode(secret));

/** An SDK client of `s` that sends `token` the standard Colyseus way (client.auth.token). */
export function signedIn(s: { client(): import("@colyseus/sdk").Client }, token: string): import("@colyseus/sdk").Client {
  const c = s.client();
  c.auth.token = token;
  return c;
}
