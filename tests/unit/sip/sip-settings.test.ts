import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, Settings, toFieldIssues } from '../../../preload/contract';

const issuesOf = (sip: Partial<Settings['sip']>) => {
  const parsed = Settings.safeParse({ ...DEFAULT_SETTINGS, sip: { ...DEFAULT_SETTINGS.sip, websocketUrl: 'wss://pbx.city.gov', uri: 'sip:a@city.gov', ...sip } });
  return parsed.success ? [] : toFieldIssues(parsed.error);
};

describe('SIP settings for the softphone', () => {
  it('accepts STUN/TURN addresses and refuses malformed ones with a code', () => {
    expect(issuesOf({ stunUrl: 'stun:stun.city.gov:3478', turnUrl: 'turn:turn.city.gov:3478?transport=udp', turnUsername: 'desk' })).toEqual([]);
    expect(issuesOf({ stunUrl: 'http://stun' })).toEqual([{ field: 'sip.stunUrl', code: 'stun_url_invalid' }]);
    expect(issuesOf({ turnUrl: 'stun:x' , turnUsername: 'u'})).toEqual([{ field: 'sip.turnUrl', code: 'turn_url_invalid' }]);
    expect(issuesOf({ turnUrl: 'turn:turn.city.gov' })).toEqual([{ field: 'sip.turnUsername', code: 'required_with_turn' }]);
  });

  it('bounds the reconnect delay and the after-call work', () => {
    expect(issuesOf({ reconnectMaxSeconds: 0 })).toEqual([{ field: 'sip.reconnectMaxSeconds', code: 'reconnect_range' }]);
    expect(issuesOf({ afterCallWorkSeconds: 5000 })).toEqual([{ field: 'sip.afterCallWorkSeconds', code: 'acw_range' }]);
  });

  it('keeps an older stored SIP section valid (new fields get defaults)', () => {
    const parsed = Settings.shape.sip.parse({ websocketUrl: '', uri: '', authorizationUser: '', displayName: '', registerExpires: 600 });
    expect(parsed).toMatchObject({ dtmfMode: 'info', reconnectMaxSeconds: 5, afterCallWorkSeconds: 30 });
  });

  it('refuses ws:// away from loopback and a malformed SIP URI', () => {
    expect(issuesOf({ websocketUrl: 'ws://pbx.city.gov' })).toEqual([{ field: 'sip.websocketUrl', code: 'ws_only_loopback' }]);
    expect(issuesOf({ uri: 'sip:a@@b c' })).toEqual([{ field: 'sip.uri', code: 'sip_uri_invalid' }]);
  });
});
