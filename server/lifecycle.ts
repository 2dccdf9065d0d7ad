/**
 * This process's lifecycle as the rest of the server sees it. Draining starts on SIGTERM:
 * matchmaking stops placing players and GET /health answers 503 from then on.
 */
type Listener = () => void;

let draining = false;
const listeners = new Set<Listener>();

export const lifecycle = {
  get draining(): boolean {
    return draining;
  },
  /** Idempotent: the first call flips the flag and tells every listener once. */
  startDraining(): void {
    if (draining) return;
    draining = true;
    for (const l of listeners) l();
  },
  onDrain(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
