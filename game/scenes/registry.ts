import type Phaser from "phaser";
import type { Room } from "@colyseus/sdk";
import { CONNECT4_ROOM } from "../../shared/connect4/protocol.ts";
import { RoomName } from "../../shared/protocol.ts";
import { ArenaClient } from "../net/ArenaClient.ts";
import { Connect4Client } from "../net/Connect4Client.ts";
import { Connect4Hud } from "../ui/Connect4Hud.ts";
import { ArenaScene } from "./ArenaScene.ts";
import { Connect4Scene } from "./Connect4Scene.ts";

/** A joined room's client side: its netcode object (handed to the scene as `{ net }`) and cleanup. */
export interface RoomSession {
  net: unknown;
  dispose(): void;
}

/** How to show one room type: its menu label, its Phaser scene, and how to wrap the joined room for it. */
export interface RoomScene {
  key: string;
  /** The game's name in the menu and the room bar. */
  label: string;
  scene: Phaser.Types.Scenes.SceneType;
  start(room: Room): RoomSession;
}

/**
 * Declare a room type's client: `client` wraps the SDK room (game/net, no Phaser), the scene
 * draws it, and an optional `overlay` adds DOM UI that is removed when the player leaves.
 */
export function roomScene<N>(spec: {
  key: string;
  label: string;
  scene: Phaser.Types.Scenes.SceneType;
  client(room: Room): N;
  overlay?(net: N): { dispose(): void };
}): RoomScene {
  return {
    key: spec.key,
    label: spec.label,
    scene: spec.scene,
    start(room) {
      const net = spec.client(room);
      const overlay = spec.overlay?.(net);
      return { net, dispose: () => overlay?.dispose() };
    },
  };
}

/**
 * The client of each room type, by room name, in menu order. The menu offers each as a game;
 * after joining, game/main.ts starts the one matching `room.name`.
 */
export const ROOM_SCENES: Record<string, RoomScene> = {
  [RoomName.Arena]: roomScene({ key: "arena", label: "Arena", scene: ArenaScene, client: (room) => new ArenaClient(room) }),
  [CONNECT4_ROOM]: roomScene({ key: "connect4", label: "Connect Four", scene: Connect4Scene, client: (room) => new Connect4Client(room), overlay: (net) => new Connect4Hud(net) }),
};

/** The games the menu offers: every registered room type. */
export const MODES = Object.entries(ROOM_SCENES).map(([type, s]) => ({ type, label: s.label }));

export function sceneFor(roomName: string): RoomScene {
  const entry = ROOM_SCENES[roomName];
  if (!entry) throw new Error(`no client scene for room type "${roomName}" (add one to game/scenes/registry.ts)`);
  return entry;
}
