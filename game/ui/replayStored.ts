/**
 * Whether room `roomId`'s log is stored yet: HEAD /api/replays/<roomId>, up to `tries` times
 * `everyMs` apart while `current()` (the offer is still wanted). False when it never came, the
 * host keeps no replays (503) or the id is refused, or the offer went stale.
 */
export async function replayStored(roomId: string, tries: number, everyMs: number, current: () => boolean): Promise<boolean> {
  for (let i = 0; i < tries && current(); i++) {
    const res = await fetch(`/api/replays/${encodeURIComponent(roomId)}`, { method: "HEAD" }).catch(() => undefined);
    if (!current()) return false;
    if (res?.ok) return true;
    if (res && res.status !== 404) return false;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return false;
}
