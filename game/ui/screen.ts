/**
 * Full screen and a screen wake lock while playing, where the browser has them. Both are
 * requests the browser may refuse (no user gesture, an iframe, a policy, an old phone):
 * they are feature-detected, and a refusal is ignored, never thrown or logged as an error.
 */

/** Ask for full screen. Call it inside a user gesture (a tap), or the browser says no. */
export function requestFullscreen(): void {
  const root = document.documentElement;
  if (document.fullscreenElement || typeof root.requestFullscreen !== "function") return;
  root.requestFullscreen({ navigationUI: "hide" }).catch(() => undefined);
}

/**
 * Keep the screen on until the returned function is called. The browser drops a wake lock
 * when the page is hidden, so it is asked for again each time the page comes back.
 */
export function keepScreenAwake(): () => void {
  const wakeLock = (navigator as Navigator & { wakeLock?: { request(type: "screen"): Promise<{ release(): Promise<void> }> } }).wakeLock;
  if (!wakeLock) return () => undefined;
  let held: { release(): Promise<void> } | undefined;
  let stopped = false;
  const acquire = (): void => {
    if (stopped || document.visibilityState !== "visible") return;
    wakeLock.request("screen").then(
      (lock) => {
        if (stopped) void lock.release().catch(() => undefined);
        else held = lock;
      },
      () => undefined,
    );
  };
  document.addEventListener("visibilitychange", acquire);
  acquire();
  return () => {
    stopped = true;
    document.removeEventListener("visibilitychange", acquire);
    void held?.release().catch(() => undefined);
    held = undefined;
  };
}
