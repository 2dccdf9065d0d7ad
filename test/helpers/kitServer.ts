/**
 * A real server offering only the room types a test declares (a kit feature seen through a
 * small room type of the test's own), built with the kit's registry like the real one, on
 * an ephemeral port.
 */
import type { AddressInfo } from "node:net";
import { defineServer, matchMaker } from "colyseus";
import { loadConfig } from "../../server/config.ts";
import { initLog } from "../../server/log.ts";
import { registerRoomTypes, type AnyRoomType } from "../../server/kit/registry.ts";
import { testLogEnv } from "./testServer.ts";

export interface KitServer {
  url: string;
  stop(): Promise<void>;
}

/** One seat per room, 5 invalid messages allowed, seats held 5 s, the default chat settings. */
export async function startKitServer(types: readonly AnyRoomType[]): Promise<KitServer> {
  const config = loadConfig(testLogEnv());
  initLog(config.log);
  const server = defineServer({
    greet: false,
    gracefullyShutdown: false,
    rooms: registerRoomTypes(types, () => ({ limits: { maxPlayers: 1, settings: {} }, maxInvalidMessages: 5, reconnectSeconds: 5, chat: config.chat }), {
      maxInvalidMessages: 5,
      chat: config.chat,
    }),
  });
  await server.listen(0, "127.0.0.1");
  return {
    url: `http://127.0.0.1:${(server.transport.server!.address() as AddressInfo).port}`,
    async stop() {
      await matchMaker.disconnectAll();
      await server.gracefullyShutdown(false);
    },
  };
}
