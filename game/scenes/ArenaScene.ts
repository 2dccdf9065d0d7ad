import Phaser from "phaser";
import { MAX_HP, PLAYER_RADIUS, PROJECTILE_RADIUS } from "../../shared/arena/tuning.ts";
import type { PlayerState } from "../../shared/arena/schema.ts";
import type { Intent } from "../../shared/arena/world.ts";
import { IntentReader } from "../input/IntentReader.ts";
import { mergeIntents } from "../input/IntentSource.ts";
import { TouchSource } from "../input/TouchSource.ts";
import { TouchSticks } from "../ui/TouchSticks.ts";
import { requestFullscreen } from "../ui/screen.ts";
import type { Point } from "../net/ArenaClient.ts";
import type { ArenaView } from "../net/ArenaView.ts";
import { DRONE_RADIUS } from "../../shared/arena/drones.ts";
import { cameraZoom } from "../../shared/arena/interest.ts";
import { GameFeedback, type Cue } from "../fx/GameFeedback.ts";
import { MAX_NUMBERS } from "../fx/HitEffects.ts";
import { Minimap } from "./Minimap.ts";
import { mix, Palette, SafePalette } from "./palette.ts";
import { DEFAULT_SETTINGS, MOVE_KEYS, reduceMotion, type Settings } from "../ui/settings.ts";

/** Game objects drawn for one player. */
interface PlayerSprite {
  body: Phaser.GameObjects.Arc;
  label: Phaser.GameObjects.Text;
}

/**
 * Draws the arena. It reads positions from ArenaClient (predicted or interpolated) and
 * never decides anything: rules are in shared/, netcode in game/net/.
 */
export class ArenaScene extends Phaser.Scene {
  private net!: ArenaView;
  private reader!: IntentReader;
  private touch!: TouchSource;
  private sticks: TouchSticks | undefined;
  private overlay!: Phaser.GameObjects.Graphics;
  private minimap!: Minimap;
  private readonly sprites = new Map<string, PlayerSprite>();
  private readonly at: Point = { x: 0, y: 0 };
  private intent: Intent = { dx: 0, dy: 0, aim: 0, fire: false };

  constructor() {
    super("arena");
  }

  /** Hit flashes, the kill feed, the countdowns: read by the HUD too (game/main.ts). */
  feedback!: GameFeedback;
  private readonly numbers: Phaser.GameObjects.Text[] = [];
  private readonly knock: Point = { x: 0, y: 0 };

  /** The player's settings, read live: a change in the settings dialog shows on the next frame. */
  private settings: Settings = { ...DEFAULT_SETTINGS };

  init(data: { net: ArenaView; cue?: (c: Cue) => void; settings?: Settings }): void {
    this.net = data.net;
    if (data.settings) this.settings = data.settings;
    const players = this.net.state.players;
    const systemReduced = typeof matchMedia === "function" ? matchMedia("(prefers-reduced-motion: reduce)") : undefined;
    const reduced = () => reduceMotion(this.settings, systemReduced?.matches ?? false);
    this.feedback = new GameFeedback({ sessionId: this.net.sessionId, player: (id) => players?.get(id) }, data.cue, reduced);
    this.net.onEvent((e) => this.feedback.onEvent(e, performance.now()));
  }

  create(): void {
    const map = this.net.map;
    this.drawMap();
    this.overlay = this.add.graphics().setDepth(5);
    this.minimap = new Minimap(this, map);
    this.reader = new IntentReader(this);
    const surface = this.game.canvas.parentElement ?? this.game.canvas;
    this.touch = new TouchSource(surface, (p) => this.toScreen(p), requestFullscreen);
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      this.touch.dispose();
      this.reader.dispose();
      this.sticks?.dispose();
    });
    this.input.keyboard!.addCapture("W,A,S,D,UP,DOWN,LEFT,RIGHT,SPACE");
    this.cameras.main.setBounds(0, 0, map.width, map.height);
    // A fixed pool of damage numbers: no text object is made or destroyed during play.
    for (let i = 0; i < MAX_NUMBERS; i++) {
      this.numbers.push(this.add.text(0, 0, "", { fontFamily: "system-ui, sans-serif", fontSize: "15px", fontStyle: "bold", color: "#ffd166", stroke: "#0d1117", strokeThickness: 3 }).setOrigin(0.5, 1).setDepth(7).setVisible(false));
    }
    this.game.events.emit("arena-ready", this);
  }

  /**
   * Let the UI suspend game input, e.g. while a text field has focus. Phaser's key capture
   * (preventDefault on W, A, S, D, space…) is lifted too, or those letters could not be typed,
   * and held keys are released so none stays "down" across the switch.
   */
  setInputEnabled(enabled: boolean): void {
    const kb = this.input.keyboard!;
    if (enabled) kb.enableGlobalCapture();
    else kb.disableGlobalCapture();
    kb.resetKeys();
    this.reader.enabled = enabled;
    this.touch.enabled = enabled;
  }

  /** A world point on the canvas, in CSS px: where the touch sticks aim from. */
  private toScreen(p: Point): Point {
    const cam = this.cameras.main;
    return { x: (p.x - cam.worldView.x) * cam.zoom, y: (p.y - cam.worldView.y) * cam.zoom };
  }

  /** Keyboard and mouse always; the touch sticks once the screen has been touched (or is a touch screen). */
  private readIntent(from: Point): Intent {
    this.reader.setLetters(MOVE_KEYS[this.settings.moveKeys]);
    if (!this.touch.active) return this.reader.read(from);
    this.reader.usePointer = false;
    const keys = this.reader.read(from);
    this.sticks ??= new TouchSticks(this.game.canvas.parentElement ?? document.body);
    const touch = this.touch.read(from, performance.now());
    this.sticks.render(this.touch.sticks());
    return mergeIntents(keys, touch, this.merged);
  }
  private readonly merged: Intent = { dx: 0, dy: 0, aim: 0, fire: false };

  override update(time: number): void {
    const local = this.net.localPosition() ?? { x: this.net.map.width / 2, y: this.net.map.height / 2 };
    this.intent = this.readIntent(local);
    this.net.frame(time, this.intent);
    const now = performance.now();
    this.feedback.frame(now);
    this.drawPlayers(now);
    this.drawDrones();
    this.drawProjectiles();
    this.drawDamageNumbers(now);
    const me = this.net.localPosition();
    this.fitView();
    if (me) this.cameras.main.centerOn(me.x, me.y);
  }

  /**
   * Zoom so the camera shows the fixed field of view whatever the window's size: the server
   * sends only what is around it (shared/arena/interest.ts), so a bigger window must not show more.
   */
  private fitView(): void {
    const cam = this.cameras.main;
    const zoom = cameraZoom(cam.width, cam.height);
    if (cam.zoom !== zoom) cam.setZoom(zoom);
  }

  private drawMap(): void {
    const { width, height, walls } = this.net.map;
    const g = this.add.graphics();
    g.fillStyle(Palette.floor, 1).fillRect(0, 0, width, height);
    g.lineStyle(1, Palette.grid, 1);
    for (let x = 0; x <= width; x += 80) g.lineBetween(x, 0, x, height);
    for (let y = 0; y <= height; y += 80) g.lineBetween(0, y, width, y);
    for (const w of walls) {
      g.fillStyle(Palette.wall, 1).fillRect(w.x, w.y, w.w, w.h);
      g.lineStyle(2, Palette.wallEdge, 1).strokeRect(w.x, w.y, w.w, w.h);
    }
  }

  private drawPlayers(now: number): void {
    const g = this.overlay;
    g.clear();
    this.minimap.begin();
    const seen = new Set<string>();
    this.net.state.players?.forEach((player, id) => {
      seen.add(id);
      const sprite = this.sprites.get(id) ?? this.createSprite(id, player);
      const pos = this.net.playerPosition(player, this.at);
      const isMe = id === this.net.sessionId;
      const knock = this.feedback.hits.knock(id, now, this.knock);
      sprite.body.setPosition(pos.x + knock.x, pos.y + knock.y).setVisible(player.alive);
      const safe = this.settings.colourBlind;
      const colour = safe ? (isMe ? SafePalette.self : SafePalette.other) : isMe ? Palette.self : Palette.other;
      sprite.body.setFillStyle(mix(colour, 0xffffff, this.feedback.hits.flash(id, now)));
      // The safe palette tells friend from foe by outline and mark too: you a thick white ring, the others a dark ring and a diamond.
      if (safe) sprite.body.setStrokeStyle(isMe ? 4 : 3, isMe ? 0xffffff : 0x000000);
      else sprite.body.setStrokeStyle(2, 0xffffff);
      sprite.label.setPosition(pos.x, pos.y - PLAYER_RADIUS - 14).setText(player.alive ? player.name : `${player.name} (out)`);
      if (!player.alive) return;
      this.minimap.dot(pos.x, pos.y, isMe);
      if (safe && !isMe) this.diamond(pos.x + knock.x, pos.y + knock.y, PLAYER_RADIUS * 0.5);
      // Aim line and HP bar.
      const aim = isMe && this.net.steers ? this.intent.aim : player.aim;
      g.lineStyle(4, 0xffffff, 0.9).lineBetween(pos.x, pos.y, pos.x + Math.cos(aim) * (PLAYER_RADIUS + 8), pos.y + Math.sin(aim) * (PLAYER_RADIUS + 8));
      const w = PLAYER_RADIUS * 2;
      g.fillStyle(Palette.hpBack, 1).fillRect(pos.x - w / 2, pos.y + PLAYER_RADIUS + 6, w, 4);
      g.fillStyle(Palette.hpFront, 1).fillRect(pos.x - w / 2, pos.y + PLAYER_RADIUS + 6, (w * player.hp) / MAX_HP, 4);
    });
    for (const [id, sprite] of this.sprites) {
      if (seen.has(id)) continue;
      sprite.body.destroy();
      sprite.label.destroy();
      this.sprites.delete(id);
      this.feedback.hits.forget(id);
    }
  }

  private drawDrones(): void {
    const g = this.overlay;
    g.fillStyle(Palette.drone, 0.9);
    this.net.forEachDrone((x, y) => g.fillTriangle(x, y - DRONE_RADIUS, x + DRONE_RADIUS, y + DRONE_RADIUS * 0.7, x - DRONE_RADIUS, y + DRONE_RADIUS * 0.7));
  }

  private drawProjectiles(): void {
    const g = this.overlay;
    g.fillStyle(Palette.projectile, 1);
    this.net.state.projectiles?.forEach((p, id) => {
      this.feedback.seeShot(id, p.owner);
      const pos = this.net.projectilePosition(p, this.at);
      g.fillCircle(pos.x, pos.y, PROJECTILE_RADIUS);
    });
    this.feedback.endShots();
  }

  private diamond(x: number, y: number, r: number): void {
    this.overlay.fillStyle(0x000000, 0.85).fillTriangle(x - r, y, x, y - r, x + r, y).fillTriangle(x - r, y, x, y + r, x + r, y);
  }

  /** Each floating damage number above its victim, from the pool. */
  private drawDamageNumbers(now: number): void {
    for (const t of this.numbers) t.setVisible(false);
    const players = this.net.state.players;
    this.feedback.hits.floating(now, (n, rise, alpha, slot) => {
      const victim = players?.get(n.victim);
      const text = this.numbers[slot];
      if (!victim || !text) return;
      const pos = this.net.playerPosition(victim, this.at);
      text.setText(`-${n.damage}`).setPosition(pos.x, pos.y - PLAYER_RADIUS - 18 - rise).setAlpha(alpha).setVisible(true);
    });
  }

  private createSprite(id: string, player: PlayerState): PlayerSprite {
    const body = this.add.circle(player.x, player.y, PLAYER_RADIUS, Palette.other).setStrokeStyle(2, 0xffffff).setDepth(4);
    const label = this.add
      .text(player.x, player.y, player.name, { fontFamily: "system-ui, sans-serif", fontSize: "13px", color: "#e6edf3" })
      .setOrigin(0.5, 1)
      .setDepth(6);
    const sprite = { body, label };
    this.sprites.set(id, sprite);
    return sprite;
  }
}
