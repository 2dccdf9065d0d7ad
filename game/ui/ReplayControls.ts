import { REPLAY_SPEEDS } from "../net/ArenaReplay.ts";
import { INPUT_RATE } from "../../shared/constants.ts";

const clock = (ticks: number) => {
  const s = Math.floor(ticks / INPUT_RATE);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
};

/** What the bar drives: an arena replay (ArenaReplay) or a Connect Four one (Connect4Replay). */
export interface ReplayPlayback {
  /** Steps (input ticks, or Connect Four commands) in the log, and the one shown now. */
  readonly ticks: number;
  readonly tick: number;
  playing: boolean;
  speed: number;
  readonly sessionId: string;
  readonly state: { players: { keys(): IterableIterator<string>; forEach(fn: (p: { name: string }, id: string) => void): void } };
  seek(tick: number): void;
  follow(playerId: string): void;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> & Record<string, unknown> = {}): HTMLElementTagNameMap[K] {
  return Object.assign(document.createElement(tag), props);
}

/**
 * The replay bar: play/pause, speed, a timeline to seek with, the time, and whom to follow.
 * For a live spectator (`live`) only whom to follow and how far behind: a live match has no timeline.
 */
export class ReplayControls {
  private readonly root = el("div", { id: "replay-bar", className: "replay-bar" });
  private readonly play = el("button", { id: "replay-play", type: "button" });
  private readonly speed = el("select", { id: "replay-speed" });
  private readonly timeline = el("input", { id: "replay-timeline", type: "range", min: "0", step: "1" });
  private readonly time = el("span", { id: "replay-time" });
  private readonly follow = el("select", { id: "replay-follow" });
  private followIds = "";

  constructor(
    private readonly replay: ReplayPlayback,
    onExit: () => void,
    private readonly live?: { delaySeconds: number },
    /** How a position on the timeline reads (default: minutes and seconds of input ticks). */
    private readonly timeOf: (tick: number) => string = clock,
  ) {
    const exit = el("button", { type: "button", className: "secondary", textContent: "Menu" });
    this.timeline.max = String(replay.ticks);
    this.timeline.setAttribute("aria-label", "Seek");
    this.speed.setAttribute("aria-label", "Speed");
    this.follow.setAttribute("aria-label", "Follow");
    for (const s of REPLAY_SPEEDS) this.speed.append(el("option", { value: String(s), textContent: `${s}×`, selected: s === 1 }));
    this.play.addEventListener("click", () => {
      if (replay.tick >= replay.ticks) replay.seek(0);
      replay.playing = !replay.playing;
      this.render();
    });
    this.speed.addEventListener("change", () => (replay.speed = Number(this.speed.value)));
    this.timeline.addEventListener("input", () => {
      replay.seek(Number(this.timeline.value));
      this.render();
    });
    this.follow.addEventListener("change", () => replay.follow(this.follow.value));
    exit.addEventListener("click", onExit);
    if (live) this.root.append(this.time, this.follow, exit);
    else this.root.append(this.play, this.speed, this.timeline, this.time, this.follow, exit);
    document.body.append(this.root);
    this.render();
  }

  /** Refresh the bar from the replay (called a few times a second). */
  render(): void {
    const r = this.replay;
    if (this.live) this.time.textContent = `Watching, ${this.live.delaySeconds} s behind`;
    else this.renderTimeline();
    const ids = [...r.state.players.keys()].join();
    if (ids === this.followIds) return;
    this.followIds = ids;
    this.follow.replaceChildren(el("option", { value: "", textContent: "Free camera" }));
    r.state.players.forEach((p, id) => this.follow.append(el("option", { value: id, textContent: p.name, selected: id === r.sessionId })));
  }

  private renderTimeline(): void {
    const r = this.replay;
    this.play.textContent = r.playing && r.tick < r.ticks ? "Pause" : "Play";
    if (document.activeElement !== this.timeline) this.timeline.value = String(r.tick);
    this.time.textContent = `${this.timeOf(r.tick)} / ${this.timeOf(r.ticks)}`;
  }

  dispose(): void {
    this.root.remove();
  }
}
