import Phaser from "phaser";
import { MAX_HP, PLAYER_RADIUS } from "../../shared/arena/tuning.ts";
import type { PlayerState } from "../../shared/arena/schema.ts";
import type { Intent } from "../../shared/arena/world.ts";
import { IntentReader } from "../input/IntentReader.ts";
import { mergeIntents } from "../input/IntentSource.ts";
import { TouchSource } from "../input/TouchSource.ts";
import { TouchSticks } from "../ui/TouchSticks.ts";
import { requestFullscreen } from "../ui/screen.ts";
import type { Point } from "../net/ArenaClient.ts";
import type { ArenaView } from "../net/ArenaView.ts";
import { cameraZoom } from "../../shared/arena/interest.ts";
import { GameFeedback, type Cue } from "../fx/GameFeedback.ts";
import { MAX_NUMBERS } from "../fx/HitEffects.ts";
import { Minimap } from "./Minimap.ts";
import { addMapImage } from "./art/mapArt.ts";
import { drawDrone, drawShip, drawShot } from "./art/draw.ts";
import { HitSparks } from "./art/HitSparks.ts";
import { Trails } from "./art/trails.ts";
import { mix, Palette, SafePalette } from "./palette.ts";
import { DEFAULT_SETTINGS, reduceMotion, type Settings } from "../ui/settings.ts";

/** Game objects kept for one player (its ship is drawn each frame into the overlay). */
interface PlayerSprite {
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
  private reduced: () => boolean = () => false;
  private sparks!: HitSparks;
  private readonly trails = new Trails();

  init(data: { net: ArenaView; cue?: (c: Cue) => void; settings?: Settings }): void {
    this.net = data.net;
    if (data.settings) this.settings = data.settings;
    const players = this.net.state.players;
    const systemReduced = typeof matchMedia === "function" ? matchMedia("(prefers-reduced-motion: reduce)") : undefined;
    const reduced = (this.reduced = () => reduceMotion(this.settings, systemReduced?.matches ?? false));
    this.feedback = new GameFeedback({ sessionId: this.net.sessionId, player: (id) => players?.get(id) }, data.cue, reduced);
    this.net.onEvent((e) => {
      this.feedback.onEvent(e, performance.now());
      const victim = e.type === "hit" ? players?.get(e.victim) : undefined;
      if (victim) {
        const at = this.net.playerPosition(victim, this.at);
        this.sparks?.burst(at.x, at.y);
      }
    });
  }

  create(): void {
    const map = this.net.map;
    const cam = this.cameras.main;
    addMapImage(this, map, cameraZoom(cam.width, cam.height) * (window.devicePixelRatio || 1));
    this.overlay = this.add.graphics().setDepth(5);
    this.sparks = new HitSparks(this, Palette.projectile, this.reduced);
    this.minimap = new Minimap(this, map);
    this.reader = new IntentReader(this);
    const surface = this.game.canvas.parentElement ?? this.game.canvas;
    this.touch = new TouchSource(surface, (p) => this.toScreen(p), requestFullscreen);
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      this.touch.dispose();
      this.reader.dispose();
      this.sticks?.dispose();
      this.sparks.destroy();
    });
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
    this.reader.setBindings(this.settings.keys);
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
    this.drawDrones(now);
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
      const safe = this.settings.colourBlind;
      const colour = safe ? (isMe ? SafePalette.self : SafePalette.other) : isMe ? Palette.self : Palette.other;
      sprite.label.setPosition(pos.x, pos.y - PLAYER_RADIUS - 14).setText(player.alive ? player.name : `${player.name} (out)`);
      if (!player.alive) return;
      this.minimap.dot(pos.x, pos.y, isMe);
      // The hull points where the ship aims; the safe palette tells friend from foe by outline and mark too:
      // you a thick white outline, the others a dark one and a diamond.
      const aim = isMe && this.net.steers ? this.intent.aim : player.aim;
      const fill = mix(colour, 0xffffff, this.feedback.hits.flash(id, now));
      const edge = safe ? (isMe ? 4 : 3) : 1.5;
      drawShip(g, pos.x + knock.x, pos.y + knock.y, aim, { fill, edge, edgeColour: safe && !isMe ? 0x000000 : 0xffffff });
      if (safe && !isMe) this.diamond(pos.x + knock.x, pos.y + knock.y, PLAYER_RADIUS * 0.45);
      const w = PLAYER_RADIUS * 2;
      g.fillStyle(Palette.hpBack, 1).fillRect(pos.x - w / 2, pos.y + PLAYER_RADIUS + 6, w, 4);
      g.fillStyle(Palette.hpFront, 1).fillRect(pos.x - w / 2, pos.y + PLAYER_RADIUS + 6, (w * player.hp) / MAX_HP, 4);
    });
    for (const [id, sprite] of this.sprites) {
      if (seen.has(id)) continue;
      sprite.label.destroy();
      this.sprites.delete(id);
      this.feedback.hits.forget(id);
    }
  }

  private drawDrones(now: number): void {
    const g = this.overlay;
    // Rotor blades turn about twice a second; still under reduced motion.
    const spin = this.reduced() ? Math.PI / 4 : (now / 80) % (2 * Math.PI);
    this.net.forEachDrone((x, y) => drawDrone(g, x, y, spin));
  }

  private drawProjectiles(): void {
    const g = this.overlay;
    this.net.state.projectiles?.forEach((p, id) => {
      this.feedback.seeShot(id, p.owner);
      const pos = this.net.projectilePosition(p, this.at);
      drawShot(g, pos.x, pos.y, this.trails.points(id), Palette.projectile);
      this.trails.add(id, pos.x, pos.y);
    });
    this.trails.end();
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
    const label = this.add
      .text(player.x, player.y, player.name, { fontFamily: "system-ui, sans-serif", fontSize: "13px", color: "#e6edf3" })
      .setOrigin(0.5, 1)
      .setDepth(6);
    const sprite = { label };
    this.sprites.set(id, sprite);
    return sprite;
  }
}
