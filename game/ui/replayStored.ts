/**
 * Whether room `roomId`'s log is stored yet: GET /api/replays/<roomId>/stored, up to `tries`
 * times `everyMs` apart while `current()` (the offer is still wanted). It always answers 200 for
 * a well-formed id, so the waiting page logs no error (the log's own route would 404 until it is
 * written). False when it never came, the host keeps no replays (503) or the id is refused, or
 * the offer went stale.
 */
export async function replayStored(roomId: string, tries: number, everyMs: number, current: () => boolean): Promise<boolean> {
  for (let i = 0; i < tries && current(); i++) {
    const res = await fetch(`/api/replays/${encodeURIComponent(roomId)}/stored`).catch(() => undefined);
    if (!current()) return false;
    if (res && !res.ok) return false;
    if (res && ((await res.json().catch(() => ({}))) as { stored?: boolean }).stored) return true;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return false;
}
