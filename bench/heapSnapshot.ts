/** Reading a V8 heap snapshot (the .heapsnapshot JSON): self sizes summed by constructor. */

export interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

/** V8's node kinds that are not objects of a named constructor, under one name each. */
const KIND_NAMES: Record<string, string> = {
  string: "(string)",
  "concatenated string": "(string)",
  "sliced string": "(string)",
  closure: "(closure)",
  code: "(code)",
  array: "(array, internal)",
  hidden: "(system)",
  number: "(number)",
  regexp: "(regexp)",
  symbol: "(symbol)",
  bigint: "(bigint)",
  "object shape": "(shape)",
};

/** Self bytes by name, and the heap's total. */
export function summarise(snap: HeapSnapshot): { total: number; byName: Map<string, number> } {
  const fields = snap.snapshot.meta.node_fields;
  const kinds = snap.snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = [fields.indexOf("type"), fields.indexOf("name"), fields.indexOf("self_size")];
  const byName = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < snap.nodes.length; i += fields.length) {
    const kind = kinds[snap.nodes[i + typeAt]!]!;
    const size = snap.nodes[i + sizeAt]!;
    const name = KIND_NAMES[kind] ?? (kind === "native" ? `${snap.strings[snap.nodes[i + nameAt]!]} (native)` : snap.strings[snap.nodes[i + nameAt]!]!);
    byName.set(name, (byName.get(name) ?? 0) + size);
    total += size;
  }
  return { total, byName };
}
