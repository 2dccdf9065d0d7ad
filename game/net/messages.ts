/**
 * The client's typed view of a room's messages, from the registry: `on` gives each handler
 * its schema's type (checked at run time too, so a handler never sees a payload the protocol
 * does not allow), `send` refuses a wrong payload at compile time. Every client kind (the
 * game, headless bots, soak clients) reads and writes messages through it.
 * @example const net = messagesOf(room, connect4Protocol); net.on(Connect4Msg.Clock, (m) => m.now);
 */
import { kitProtocol, type KitToClient, type KitToServer } from "../../shared/messages.ts";
import { Msg, type NetReportMessage } from "../../shared/protocol.ts";
import { NO_MESSAGES, type MessageMap, type PayloadArgs, type Protocol, type Received } from "../../shared/registry.ts";

/** The part of an SDK room messages use; any Colyseus room (game room or lobby) is one. */
export interface MessageChannel {
  send(type: string, payload?: unknown): void;
  onMessage(type: string, callback: (payload: any) => void): () => void;
}

export class TypedMessages<ToServer extends MessageMap, ToClient extends MessageMap> {
  constructor(
    private readonly channel: MessageChannel,
    private readonly toClient: ToClient,
  ) {}

  /** Handle message `type`; a payload that fails its schema is dropped (and logged), never handled. */
  on<K extends keyof ToClient & string>(type: K, handler: (payload: Received<ToClient, K>) => void): () => void {
    const schema = this.toClient[type]!;
    return this.channel.onMessage(type, (raw: unknown) => {
      const parsed = schema.safeParse(raw);
      if (parsed.success) handler(parsed.data as Received<ToClient, K>);
      else console.warn(`dropped a malformed "${type}" from the server`, parsed.error.issues[0]?.message);
    });
  }

  send<K extends keyof ToServer & string>(type: K, ...payload: PayloadArgs<ToServer, K>): void {
    this.channel.send(type, payload[0]);
  }
}

/** Rooms joined with `resume: true`, and the numbered channel each one's messages go through (ResumeChannel.ts). */
const resumable = new WeakMap<object, MessageChannel>();

/** Route every `messagesOf(room)` of this room through `channel` (set once, right after joining). */
export function useChannel(room: object, channel: MessageChannel): void {
  resumable.set(room, channel);
}

/** A room's messages: the kit's, plus the room type's own protocol (shared/<type>/protocol.ts). */
export function messagesOf<P extends Protocol = typeof NO_MESSAGES>(
  channel: MessageChannel,
  protocol?: P,
): TypedMessages<KitToServer & P["toServer"], KitToClient & P["toClient"]> {
  const toClient = { ...kitProtocol.toClient, ...(protocol ?? NO_MESSAGES).toClient } as KitToClient & P["toClient"];
  return new TypedMessages(resumable.get(channel) ?? channel, toClient);
}

/**
 * Answer the server's latency probe at once with the same id, so its measured ping is real:
 * the one pong answer for every client kind. Register it before anything awaits: a probe can
 * arrive before the first state does.
 */
export function answerPings(channel: MessageChannel, onReport: (r: NetReportMessage) => void = () => undefined): void {
  const net = messagesOf(channel);
  net.on(Msg.Ping, (m) => net.send(Msg.Pong, { id: m.id }));
  // The server's view of this link comes with each probe (the debug overlay shows it).
  net.on(Msg.NetReport, onReport);
}
