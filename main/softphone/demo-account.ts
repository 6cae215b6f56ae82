import type { Core } from '../core/core';

/** The demo PBX `npm run pbx` starts (resources/pbx): WebSocket on loopback, users in resources/pbx/users. */
export const DEMO_PBX_WS_URL = 'ws://127.0.0.1:8088';
export const DEMO_SIP_ACCOUNT = { user: 'konsultant', password: 'konsultant-sip', domain: '127.0.0.1' } as const;

/**
 * The embedded default for the demo: when no SIP account is configured, point the softphone at the
 * local demo PBX. Nothing is started here: without Kamailio the phone just says it cannot connect.
 */
export async function useDemoSipIfUnset(core: Core): Promise<boolean> {
  const current = await core.handle({ kind: 'request', id: 'demo-sip-get', method: 'settings.get', params: {} });
  if (!current.ok) return false;
  const sip = (current.result as { sip: Record<string, unknown> & { websocketUrl: string; uri: string } }).sip;
  if (sip.websocketUrl !== '' || sip.uri !== '') return false;
  const secret = await core.handle({
    kind: 'request',
    id: 'demo-sip-secret',
    method: 'softphone.setSecret',
    params: { kind: 'sip_password', secret: DEMO_SIP_ACCOUNT.password, scheme: 'plain' },
  });
  if (!secret.ok) return false;
  const updated = await core.handle({
    kind: 'request',
    id: 'demo-sip-set',
    method: 'settings.update',
    params: {
      sip: {
        ...sip,
        websocketUrl: DEMO_PBX_WS_URL,
        uri: `sip:${DEMO_SIP_ACCOUNT.user}@${DEMO_SIP_ACCOUNT.domain}`,
        authorizationUser: DEMO_SIP_ACCOUNT.user,
        displayName: 'Anna Konsultantka',
      },
    },
  });
  return updated.ok;
}
