import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, Settings, toFieldIssues } from '../../../preload/contract';
import type { FieldIssue } from '../../../preload/contract';

function issuesOf(change: Partial<{ backend: object; sip: object; ui: object; audio: object }>): FieldIssue[] {
  const merged = {
    backend: { ...DEFAULT_SETTINGS.backend, ...change.backend },
    sip: { ...DEFAULT_SETTINGS.sip, ...change.sip },
    ui: { ...DEFAULT_SETTINGS.ui, ...change.ui },
    audio: { ...DEFAULT_SETTINGS.audio, ...change.audio },
  };
  const parsed = Settings.safeParse(merged);
  return parsed.success ? [] : toFieldIssues(parsed.error);
}

const SIP = { websocketUrl: 'wss://pbx.miasto.example:8089/ws', uri: 'sip:konsultant12@miasto.example' };

describe('settings validation', () => {
  it('accepts the defaults and a full, correct account', () => {
    expect(issuesOf({})).toEqual([]);
    expect(issuesOf({ backend: { url: 'https://19115.miasto.example/api' }, sip: SIP })).toEqual([]);
    expect(issuesOf({ backend: { url: 'http://127.0.0.1:8787' }, sip: { ...SIP, websocketUrl: 'ws://127.0.0.1:8088' } })).toEqual([]);
    expect(issuesOf({ sip: { ...SIP, uri: 'sip:1001@[::1]:5060;transport=ws' } })).toEqual([]);
  });

  it.each([
    ['not a url', 'url_invalid'],
    ['ftp://files.miasto.example', 'url_scheme_http'],
    ['http://backend.miasto.example', 'http_only_loopback'],
    ['https://backend.miasto.example:99999', 'port_invalid'],
    ['https://backend.miasto.example:0', 'port_invalid'],
    [`https://x.example/${'a'.repeat(2100)}`, 'too_long'],
  ])('names the backend address field for %j', (url, code) => {
    expect(issuesOf({ backend: { url } })).toEqual([{ field: 'backend.url', code }]);
  });

  it.each([
    ['alice@', 'sip_uri_invalid'],
    ['sip:alice', 'sip_uri_invalid'],
    ['sip:alice@miasto.example:70000', 'port_invalid'],
    ['mailto:alice@miasto.example', 'sip_uri_invalid'],
    ['sip:alice bob@miasto.example', 'sip_uri_invalid'],
  ])('names the SIP URI field for %j', (uri, code) => {
    expect(issuesOf({ sip: { ...SIP, uri } })).toEqual([{ field: 'sip.uri', code }]);
  });

  it.each([
    ['ws://pbx.miasto.example/ws', 'ws_only_loopback'],
    ['https://pbx.miasto.example', 'url_scheme_ws'],
    ['wss://pbx.miasto.example:123456', 'port_invalid'],
  ])('names the SIP server field for %j', (websocketUrl, code) => {
    expect(issuesOf({ sip: { ...SIP, websocketUrl } })).toEqual([{ field: 'sip.websocketUrl', code }]);
  });

  it('asks for the other half of a half-filled account', () => {
    expect(issuesOf({ sip: { websocketUrl: SIP.websocketUrl } })).toEqual([{ field: 'sip.uri', code: 'required_with_server' }]);
    expect(issuesOf({ sip: { uri: SIP.uri } })).toEqual([{ field: 'sip.websocketUrl', code: 'required_with_uri' }]);
  });

  it('refuses an expiry out of range, an unknown language and theme', () => {
    expect(issuesOf({ sip: { registerExpires: 5 } })).toEqual([{ field: 'sip.registerExpires', code: 'expires_range' }]);
    const other = issuesOf({ ui: { language: 'de', theme: 'neon' } }).map((issue) => issue.field);
    expect(other).toEqual(['ui.language', 'ui.theme']);
  });

  it('knows the backend kind (city backend by default) and needs an address for Open311', () => {
    expect(Settings.parse({ ...DEFAULT_SETTINGS, backend: { url: 'https://b.example' } }).backend).toEqual({ url: 'https://b.example', kind: 'city_backend', open311ApiKey: '', open311Jurisdiction: '' });
    expect(issuesOf({ backend: { url: '', kind: 'open311' } })).toEqual([{ field: 'backend.url', code: 'required_for_open311' }]);
    expect(issuesOf({ backend: { url: 'https://city.example/open311/v2/', kind: 'open311', open311ApiKey: 'k'.repeat(201) } })).toEqual([{ field: 'backend.open311ApiKey', code: 'too_long' }]);
  });

  it('trims spaces pasted around addresses', () => {
    const parsed = Settings.parse({ ...DEFAULT_SETTINGS, backend: { url: '  https://b.example  ' } });
    expect(parsed.backend.url).toBe('https://b.example');
  });
});
