/** A required element by id; throws early with the id when the page layout is wrong. */
export function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id} in index.html`);
  return el as T;
}

/** Create an element with text content (never innerHTML: names come from other players). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, text = "", className = ""): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.textContent = text;
  if (className) node.className = className;
  return node;
}

/** A table row of one cell spanning `columns`, saying `text` (an empty table's note). */
export function noteRow(text: string, columns: number): HTMLTableRowElement {
  const row = el("tr");
  const cell = el("td", text);
  cell.colSpan = columns;
  row.append(cell);
  return row;
}
