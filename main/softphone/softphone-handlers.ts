import type { softphoneMethods } from '../../preload/contract';
import type { FeatureFactory } from '../core/feature-context';
import { listTransferTargets } from './directory';
import { SoftphoneSecretStore } from './secret-store';

/** Softphone account secrets and the transfer directory (issue 4). */
export const softphoneHandlers: FeatureFactory<keyof typeof softphoneMethods> = (context) => {
  let store: SoftphoneSecretStore | null = null;
  const secrets = (): SoftphoneSecretStore => {
    const ctx = context();
    store ??= new SoftphoneSecretStore(ctx.db);
    return store;
  };
  return {
    'softphone.setSecret': ({ kind, secret, scheme }) => {
      const ctx = context();
      const now = ctx.now();
      ctx.db.transaction(() => {
        secrets().set(kind, secret, scheme, now);
        // The audit log names the change, never the secret.
        ctx.audit.record(ctx.actor(), secret === '' ? 'softphone.secret_cleared' : 'softphone.secret_set', { kind, scheme }, now);
      })();
      ctx.emit('softphone.secretsChanged', { at: ctx.now() });
      return secrets().state();
    },
    'softphone.secretState': () => secrets().state(),
    'softphone.secrets': () => ({ sipPassword: secrets().get('sip_password'), turnCredential: secrets().get('turn_credential') }),
    'softphone.directory': ({ query, limit }) => listTransferTargets(context().db, query, limit),
  };
};
