import { describe, expect, it } from 'vitest';
import { asCallLink, callLinkFromArgv } from '../../../main/shell/call-links';

describe('call links', () => {
  it('finds a tel: or sip: link among Chromium switches', () => {
    expect(callLinkFromArgv(['/opt/desk/desk', '--no-sandbox', 'tel:+48221234567'])).toBe('tel:+48221234567');
    expect(callLinkFromArgv(['desk.exe', '--allow-file-access-from-files', 'sip:19115@pbx.um.warszawa.pl', '--original-process-start-time=1'])).toBe(
      'sip:19115@pbx.um.warszawa.pl',
    );
    expect(callLinkFromArgv(['desk', 'SIPS:agent@pbx.example'])).toBe('SIPS:agent@pbx.example');
  });

  it('ignores everything that is not a valid call link', () => {
    expect(callLinkFromArgv(['desk', '.', '--data-dir', '/tmp'])).toBeNull();
    expect(callLinkFromArgv(['desk', 'https://example.com'])).toBeNull();
    expect(callLinkFromArgv(['desk', '--tel:+48221234567'])).toBeNull();
    expect(callLinkFromArgv(['desk', 'tel:<script>'])).toBeNull();
    expect(callLinkFromArgv(['desk', `tel:${'1'.repeat(200)}`])).toBeNull();
    expect(callLinkFromArgv([])).toBeNull();
  });

  it('takes the first valid one', () => {
    expect(callLinkFromArgv(['tel:bad!', 'tel:112', 'tel:997'])).toBe('tel:112');
  });

  it('validates macOS open-url links the same way', () => {
    expect(asCallLink(' tel:19115 ')).toBe('tel:19115');
    expect(asCallLink('javascript:alert(1)')).toBeNull();
  });
});
