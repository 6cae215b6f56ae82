import { describe, expect, it } from 'vitest';
import { cleanDisplayName, cleanRemoteNumber } from '../../../renderer/sip/untrusted';

describe('untrusted caller text', () => {
  it('shortens a 10 KB display name to 200 characters with an ellipsis', () => {
    const name = cleanDisplayName('Ż'.repeat(10_000));
    expect(Array.from(name ?? '')).toHaveLength(200);
    expect(name?.endsWith('…')).toBe(true);
  });

  it('drops control and bidi-override characters and keeps HTML as plain text', () => {
    expect(cleanDisplayName('Jan\u202e\u0000 <b>Nowak</b>\n')).toBe('Jan <b>Nowak</b>');
    expect(cleanDisplayName('   ')).toBeNull();
    expect(cleanDisplayName(undefined)).toBeNull();
  });

  it('strips the scheme from the remote URI', () => {
    expect(cleanRemoteNumber('sip:+48586001234@127.0.0.1')).toBe('+48586001234@127.0.0.1');
  });
});
