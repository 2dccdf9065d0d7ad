import Phaser from "phaser";
import type { Intent } from "../../shared/arena/world.ts";
import type { IntentSource, WorldPoint } from "./IntentSource.ts";
import { arrowAlternates, DEFAULT_BINDINGS, KEY_CODES, type Bindings } from "./bindings.ts";

type Move = "up" | "down" | "left" | "right";

/**
 * Turns keyboard and mouse state into an intent: the bound move keys (WASD unless rebound in the
 * settings) or the arrows to move, the mouse to aim, left click or the fire key (space unless
 * rebound) to fire (held = fire at the server's fire rate).
 * It only reads devices; what an intent does is decided by shared/arena/step.ts.
 */
export class IntentReader implements IntentSource {
  /** Each move's keys (the bound one, and its arrow unless that is bound elsewhere) and the fire key. */
  private moves: Record<Move, Phaser.Input.Keyboard.Key[]> = { up: [], down: [], left: [], right: [] };
  private fireKey!: Phaser.Input.Keyboard.Key;
  private bindingsId = "";
  private captured: number[] = [];
  private readonly intent: Intent = { dx: 0, dy: 0, aim: 0, fire: false };
  /** When false (e.g. while typing in a text field) the reader reports a neutral intent. */
  enabled = true;
  /** The keyboard is always there to use; a phone without one simply never presses it. */
  readonly active = true;
  /**
   * Whether the pointer aims and fires. Off on a touch screen, where Phaser reports a finger as
   * a pressed left button: the touch source aims there, and a move-stick thumb must not fire.
   */
  usePointer = true;

  /**
   * The mouse on the canvas, in CSS px, followed on the window: Phaser hears only moves over
   * the canvas, so a mouse passing over the chat or the room bar would leave the aim behind.
   */
  private readonly mouse = { x: 0, y: 0, seen: false };
  private readonly onMouseMove = (e: MouseEvent): void => {
    const r = this.scene.game.canvas.getBoundingClientRect();
    this.mouse.x = e.clientX - r.left;
    this.mouse.y = e.clientY - r.top;
    this.mouse.seen = true;
  };

  constructor(private readonly scene: Phaser.Scene) {
    this.setBindings(DEFAULT_BINDINGS);
    window.addEventListener("mousemove", this.onMouseMove, { passive: true });
  }

  dispose(): void {
    window.removeEventListener("mousemove", this.onMouseMove);
  }

  /** Read these keys from now on (the settings' bindings; cheap to call every frame). */
  setBindings(b: Readonly<Bindings>): void {
    const id = `${b.up} ${b.down} ${b.left} ${b.right} ${b.fire}`;
    if (id === this.bindingsId) return;
    this.bindingsId = id;
    const kb = this.scene.input.keyboard!;
    const key = (name: string) => kb.addKey(KEY_CODES[name]!);
    const arrows = arrowAlternates(b);
    for (const m of ["up", "down", "left", "right"] as const) this.moves[m] = [key(b[m]), ...(arrows[m] ? [key(arrows[m])] : [])];
    this.fireKey = key(b.fire);
    // Taken from the page while playing (no typing into it, no scrolling); lifted while chatting.
    // The keys of an earlier binding are given back, or a letter no longer used could never be typed.
    const codes = [...Object.values(this.moves).flat(), this.fireKey].map((k) => k.keyCode);
    kb.removeCapture(this.captured.filter((c) => !codes.includes(c)));
    kb.addCapture(codes);
    this.captured = codes;
  }

  /** The current intent, aiming from `from` (the local player's drawn position). */
  read(from: WorldPoint): Intent {
    const i = this.intent;
    if (!this.enabled) {
      i.dx = 0;
      i.dy = 0;
      i.fire = false;
      return i;
    }
    const down = (m: Move) => (this.moves[m].some((k) => k.isDown) ? 1 : 0);
    i.dx = down("right") - down("left");
    i.dy = down("down") - down("up");
    i.fire = this.fireKey.isDown;
    if (this.usePointer) {
      const pointer = this.scene.input.activePointer;
      const at = this.mouse.seen ? this.mouse : pointer;
      const world = this.scene.cameras.main.getWorldPoint(at.x, at.y);
      i.aim = Math.atan2(world.y - from.y, world.x - from.x);
      i.fire ||= pointer.leftButtonDown();
    }
    return i;
  }
}
