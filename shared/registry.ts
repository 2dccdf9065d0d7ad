/**
 * The message registry's machinery: a protocol is two maps of zod schemas, one per direction,
 * and every payload type in the code is derived from them. The kit's protocol is in
 * shared/messages.ts; each room type's beside its rules (shared/connect4/protocol.ts, ...).
 * See docs/architecture.md, "The message registry".
 */
import { z } from "zod";

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

/** Message type name → schema of its payload. */
export type MessageMap = Readonly<Record<string, z.ZodType>>;

/** One protocol: what clients may send (`toServer`) and what the server sends them (`toClient`). */
export interface Protocol<ToServer extends MessageMap = MessageMap, ToClient extends MessageMap = MessageMap> {
  readonly toServer: ToServer;
  readonly toClient: ToClient;
}

/**
 * Declare a protocol. An identity function that keeps each schema's own type.
 * @example defineProtocol({ toServer: { [Msg.Kick]: Kick }, toClient: { [Msg.Ping]: Ping } })
 */
export function defineProtocol<const ToServer extends MessageMap, const ToClient extends MessageMap>(p: Protocol<ToServer, ToClient>): Protocol<ToServer, ToClient> {
  return p;
}

/** A protocol with no messages of its own (a room type that only uses the kit's). */
export const NO_MESSAGES = defineProtocol({ toServer: {}, toClient: {} });
export type NoMessages = typeof NO_MESSAGES;

/** What a sender writes for message `K` (the schema's input). */
export type Sent<M extends MessageMap, K extends keyof M> = z.input<M[K]>;
/** What a handler receives for message `K`, after the schema (its output). */
export type Received<M extends MessageMap, K extends keyof M> = z.output<M[K]>;

/** The payload argument of a send: optional for messages whose schema accepts undefined. */
export type PayloadArgs<M extends MessageMap, K extends keyof M> = undefined extends Sent<M, K> ? [payload?: Sent<M, K>] : [payload: Sent<M, K>];

const isEmpty = (v: unknown): boolean => v === undefined || v === null || (typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 0);

/** A message that carries nothing: no payload, null or `{}`; anything else is malformed. */
export const Empty = z
  .custom<undefined | null | Record<string, never>>(isEmpty, { error: "this message takes no payload" })
  .transform((): undefined => undefined);

/** The refusal a failed parse turns into: a named reason when the schema gave one, and what to fix. */
export interface Refusal {
  /** Set by a schema's custom issue (`params: { reason }`), e.g. chat_too_long; otherwise the caller's default. */
  reason: string | undefined;
  detail: string;
}

/**
 * The first problem of a failed parse, as one line a player or developer can act on.
 * Schemas carry their own messages (`{ error }`), so the detail is the schema's words.
 */
export function refusalOf(error: z.ZodError): Refusal {
  const issue = error.issues[0];
  if (!issue) return { reason: undefined, detail: "invalid" };
  const reason = issue.code === "custom" && typeof issue.params?.reason === "string" ? issue.params.reason : undefined;
  return { reason, detail: issue.message };
}

/** Parse with a schema into a Result, the detail being the first problem's message. */
export function check<T extends z.ZodType>(schema: T, raw: unknown): Result<z.output<T>> {
  const parsed = schema.safeParse(raw);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: refusalOf(parsed.error).detail };
}
