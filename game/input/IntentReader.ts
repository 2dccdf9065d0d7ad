import Phaser from "phaser";
import type { Intent } from "../../shared/arena/world.ts";
import type { IntentSource, WorldPoint } from "./IntentSource.ts";

/** The four movement letters (the arrows always work too). */
export interface MoveLetters {
  up: string;
  left: string;
  down: string;
  right: string;
}
const WASD: MoveLetters = { up: "W", left: "A", down: "S", right: "D" };

/**
 * Turns keyboard and mouse state into an intent: WASD (or the letters set in the settings)
 * or arrows to move, the mouse to
 * aim, left click or space to fire (held = fire at the server's fire rate).
 * It only reads devices; what an intent does is decided by shared/arena/step.ts.
 */
export class IntentReader implements IntentSource {
  private readonly keys: Record<"UP" | "DOWN" | "LEFT" | "RIGHT" | "SPACE", Phaser.Input.Keyboard.Key>;
  private letters!: Record<keyof MoveLetters, Phaser.Input.Keyboard.Key>;
  private lettersId = "";
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
    const kb = scene.input.keyboard!;
    this.keys = kb.addKeys("UP,DOWN,LEFT,RIGHT,SPACE") as IntentReader["keys"];
    this.setLetters(WASD);
    window.addEventListener("mousemove", this.onMouseMove, { passive: true });
  }

  dispose(): void {
    window.removeEventListener("mousemove", this.onMouseMove);
  }

  /** Move with these letters from now on (the settings' movement keys). */
  setLetters(l: MoveLetters): void {
    const id = `${l.up}${l.left}${l.down}${l.right}`;
    if (id === this.lettersId) return;
    this.lettersId = id;
    const kb = this.scene.input.keyboard!;
    this.letters = { up: kb.addKey(l.up), left: kb.addKey(l.left), down: kb.addKey(l.down), right: kb.addKey(l.right) };
    // Taken from the page while playing (no typing into it, no scrolling); lifted while chatting.
    kb.addCapture(Object.values(l).join(","));
  }

  /** The current intent, aiming from `from` (the local player's drawn position). */
  read(from: WorldPoint): Intent {
    const k = this.keys;
    const i = this.intent;
    if (!this.enabled) {
      i.dx = 0;
      i.dy = 0;
      i.fire = false;
      return i;
    }
    const l = this.letters;
    i.dx = (l.right.isDown || k.RIGHT.isDown ? 1 : 0) - (l.left.isDown || k.LEFT.isDown ? 1 : 0);
    i.dy = (l.down.isDown || k.DOWN.isDown ? 1 : 0) - (l.up.isDown || k.UP.isDown ? 1 : 0);
    i.fire = k.SPACE.isDown;
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
