// A page's JS heap from a real heap snapshot (Chrome DevTools Protocol), after a full garbage
// collection: the bytes held by objects apart from compiled code (V8 keeps compiling hot functions
// for a while, which is warm-up, not a leak), and how many live instances of given classes exist.
import type { CDPSession } from '@playwright/test';

export interface HeapFootprint {
  /** Self sizes of every node except compiled code. */
  objectBytes: number;
  /** Compiled code (bytecode, optimized code): grows with warm-up. */
  codeBytes: number;
  /** Live instances by constructor name (only the names asked for). */
  instances: Record<string, number>;
}

export async function heapFootprint(cdp: CDPSession, classes: readonly string[] = []): Promise<HeapFootprint> {
  let json = '';
  const onChunk = (event: { chunk: string }): void => {
    json += event.chunk;
  };
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  const snapshot = JSON.parse(json) as { snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }; nodes: number[]; strings: string[] };
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = [fields.indexOf('type'), fields.indexOf('name'), fields.indexOf('self_size')];
  const instances: Record<string, number> = Object.fromEntries(classes.map((name) => [name, 0]));
  let objectBytes = 0;
  let codeBytes = 0;
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    const type = types[snapshot.nodes[i + typeAt]!];
    const size = snapshot.nodes[i + sizeAt]!;
    if (type === 'code') codeBytes += size;
    else objectBytes += size;
    if (type === 'object') {
      const name = snapshot.strings[snapshot.nodes[i + nameAt]!]!;
      if (name in instances) instances[name]! += 1;
    }
  }
  return { objectBytes, codeBytes, instances };
}
