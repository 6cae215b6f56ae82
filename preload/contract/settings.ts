import { z } from 'zod';

// Settings are validated here, once, for the core and for the settings dialog. Every message is
// an error code (not prose) so the renderer can name the field and explain it in the user's language.

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
const MAX_URL = 2048;

/** Parses a URL and names what is wrong with it, or returns the URL. */
function parseUrl(value: string): URL | 'url_invalid' | 'port_invalid' {
  // URL() accepts "http://host:99999"? No: it throws, which hides the port problem; check it first.
  const port = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*:(\d+)(?:[/?#]|$)/i.exec(value)?.[1];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return 'port_invalid';
  try {
    const url = new URL(value);
    if (!url.hostname) return 'url_invalid';
    return url;
  } catch {
    return 'url_invalid';
  }
}

export const BackendUrl = z
  .string()
  .trim()
  .max(MAX_URL, 'too_long')
  .superRefine((value, ctx) => {
    if (value === '') return; // not configured
    const url = parseUrl(value);
    if (typeof url === 'string') return ctx.addIssue({ code: 'custom', message: url });
    if (url.protocol !== 'https:' && url.protocol !== 'http:') ctx.addIssue({ code: 'custom', message: 'url_scheme_http' });
    else if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) ctx.addIssue({ code: 'custom', message: 'http_only_loopback' });
  });

export const SipWebSocketUrl = z
  .string()
  .trim()
  .max(MAX_URL, 'too_long')
  .superRefine((value, ctx) => {
    if (value === '') return;
    const url = parseUrl(value);
    if (typeof url === 'string') return ctx.addIssue({ code: 'custom', message: url });
    if (url.protocol !== 'wss:' && url.protocol !== 'ws:') ctx.addIssue({ code: 'custom', message: 'url_scheme_ws' });
    else if (url.protocol === 'ws:' && !LOOPBACK_HOSTS.has(url.hostname)) ctx.addIssue({ code: 'custom', message: 'ws_only_loopback' });
  });

// sip:user@host[:port][;params] (RFC 3261 simplified: what a desk account looks like).
const SIP_URI = /^sips?:[A-Za-z0-9\-_.!~*'()&=+$,;?/%]+@([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\])(?::(\d{1,5}))?(;[^\s]*)?$/;

export const SipUri = z
  .string()
  .trim()
  .max(256, 'too_long')
  .superRefine((value, ctx) => {
    if (value === '') return;
    const match = SIP_URI.exec(value);
    if (!match) return ctx.addIssue({ code: 'custom', message: 'sip_uri_invalid' });
    const port = match[2];
    if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) ctx.addIssue({ code: 'custom', message: 'port_invalid' });
  });

/** stun:host[:port] / turn:host[:port][?transport=udp|tcp] (RFC 7064/7065). */
const ICE_SERVER = /^(stuns?|turns?):([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\])(?::(\d{1,5}))?(\?transport=(udp|tcp))?$/;

function IceServerUrl(schemes: readonly string[]) {
  return z
    .string()
    .trim()
    .max(512, 'too_long')
    .superRefine((value, ctx) => {
      if (value === '') return;
      const match = ICE_SERVER.exec(value);
      if (!match || !schemes.includes(`${match[1]!.toLowerCase()}:`)) return ctx.addIssue({ code: 'custom', message: schemes[0] === 'stun:' ? 'stun_url_invalid' : 'turn_url_invalid' });
      const port = match[3];
      if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) ctx.addIssue({ code: 'custom', message: 'port_invalid' });
    });
}

export const Language = z.enum(['pl', 'en']);
export type Language = z.infer<typeof Language>;
export const ThemeChoice = z.enum(['system', 'light', 'dark', 'high-contrast']);
export type ThemeChoice = z.infer<typeof ThemeChoice>;

const DeviceId = z.string().max(256, 'too_long');
const PlainText = (max: number) => z.string().trim().max(max, 'too_long');

export const SipSettings = z
  .object({
    websocketUrl: SipWebSocketUrl,
    uri: SipUri,
    authorizationUser: PlainText(128),
    displayName: PlainText(128),
    registerExpires: z.number().int('number_invalid').min(60, 'expires_range').max(3600, 'expires_range'),
    // Issue 4: optional STUN/TURN (the TURN credential is a secret: softphone.setSecret), DTMF mode,
    // the reconnect bound and the after-call-work limit. Defaults keep older stored sections valid.
    stunUrl: IceServerUrl(['stun:', 'stuns:']).default(''),
    turnUrl: IceServerUrl(['turn:', 'turns:']).default(''),
    turnUsername: PlainText(128).default(''),
    dtmfMode: z.enum(['rfc2833', 'info']).default('info'),
    reconnectMaxSeconds: z.number().int('number_invalid').min(1, 'reconnect_range').max(60, 'reconnect_range').default(5),
    afterCallWorkSeconds: z.number().int('number_invalid').min(0, 'acw_range').max(900, 'acw_range').default(30),
  })
  .superRefine((sip, ctx) => {
    // Half an account is a mistake worth naming: both the server and the URI, or neither.
    if (sip.websocketUrl !== '' && sip.uri === '') ctx.addIssue({ code: 'custom', path: ['uri'], message: 'required_with_server' });
    if (sip.uri !== '' && sip.websocketUrl === '') ctx.addIssue({ code: 'custom', path: ['websocketUrl'], message: 'required_with_uri' });
    if (sip.turnUrl !== '' && sip.turnUsername === '') ctx.addIssue({ code: 'custom', path: ['turnUsername'], message: 'required_with_turn' });
  });

/** Which protocol the desk speaks to the backend: ours (sync push/pull, sign-in) or a city's Open311 GeoReport v2. */
export const BackendKind = z.enum(['city_backend', 'open311']);
export type BackendKind = z.infer<typeof BackendKind>;

export const BackendSettings = z
  .object({
    url: BackendUrl,
    kind: BackendKind.default('city_backend'),
    /** Open311's api_key for POST requests; stored like the rest of the settings (plain, on this computer). */
    open311ApiKey: z.string().trim().max(200, 'too_long').default(''),
    open311Jurisdiction: PlainText(100).default(''),
  })
  .superRefine((backend, ctx) => {
    if (backend.kind === 'open311' && backend.url === '') ctx.addIssue({ code: 'custom', path: ['url'], message: 'required_for_open311' });
  });

export const Settings = z.object({
  backend: BackendSettings,
  sip: SipSettings,
  ui: z.object({ language: Language, theme: ThemeChoice }),
  audio: z.object({ microphoneId: DeviceId, speakerId: DeviceId, ringerId: DeviceId }),
});
export type Settings = z.infer<typeof Settings>;
export type SettingsSection = keyof Settings;
export const SETTINGS_SECTIONS = ['backend', 'sip', 'ui', 'audio'] as const satisfies readonly SettingsSection[];

/** A change to some sections; each given section is replaced whole and validated whole. */
export const SettingsPatch = Settings.partial();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const DEFAULT_SETTINGS: Settings = {
  backend: { url: '', kind: 'city_backend', open311ApiKey: '', open311Jurisdiction: '' },
  sip: {
    websocketUrl: '', uri: '', authorizationUser: '', displayName: '', registerExpires: 600,
    stunUrl: '', turnUrl: '', turnUsername: '', dtmfMode: 'info', reconnectMaxSeconds: 5, afterCallWorkSeconds: 30,
  },
  ui: { language: 'pl', theme: 'system' },
  audio: { microphoneId: 'default', speakerId: 'default', ringerId: 'default' },
};

export function isSipConfigured(sip: Settings['sip']): boolean {
  return sip.websocketUrl !== '' && sip.uri !== '';
}
