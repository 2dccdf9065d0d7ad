/**
 * Bring a list element's children in line with `items`, keyed by `data-key`: children whose
 * item is gone are removed, new items are inserted in order, and every child whose item is
 * still there is kept as the same node. A live region built this way (the chat log) has only
 * its new lines added, so a screen reader announces those and does not re-read the list.
 */
export function syncList<T>(parent: HTMLElement, items: readonly T[], key: (item: T) => string, make: (item: T) => HTMLElement): void {
  const wanted = new Set(items.map(key));
  const existing = new Map<string, HTMLElement>();
  for (const child of Array.from(parent.children) as HTMLElement[]) {
    const k = child.dataset.key;
    if (k === undefined || !wanted.has(k) || existing.has(k)) child.remove();
    else existing.set(k, child);
  }
  // Walk the items with a cursor over the kept children: a kept child already in place is
  // stepped over; anything else is inserted before the cursor (a new line lands at the end).
  let cursor = parent.firstElementChild as HTMLElement | null;
  for (const item of items) {
    const k = key(item);
    const node = existing.get(k);
    if (node && node === cursor) {
      cursor = cursor.nextElementSibling as HTMLElement | null;
      continue;
    }
    const insert = node ?? make(item);
    insert.dataset.key = k;
    parent.insertBefore(insert, cursor);
  }
}
