import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DESK_SECRETS_CHANNELS } from '../../../preload/contract/desk-secrets-api';

// The preload spells the channel names out (it may import only types); they must match the shell's.
describe('desk secrets IPC channels', () => {
  it('preload invokes exactly the channels the shell handles', () => {
    const preload = readFileSync('preload/index.ts', 'utf8');
    const invoked = [...preload.matchAll(/ipcRenderer\.invoke\('([^']+)'/g)].map((match) => match[1]).sort();
    expect(invoked).toEqual(Object.values(DESK_SECRETS_CHANNELS).sort());
    const shell = readFileSync('main/shell/desk-secrets.ts', 'utf8');
    expect(shell).toContain('DESK_SECRETS_CHANNELS.seal');
    expect(shell).toContain('DESK_SECRETS_CHANNELS.open');
  });
});
