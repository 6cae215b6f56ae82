import type { callMethods, CallLogEntry } from '../../preload/contract';
import { BridgeFailure } from '../core/bridge-failure';
import type { FeatureContext, FeatureFactory } from '../core/feature-context';
import { CallLog } from './call-log';

/** The call log (issues 4 and 5): the softphone reports each call's life, the core stores and queues it. */
export const callHandlers: FeatureFactory<keyof typeof callMethods> = (context) => {
  let log: { db: unknown; calls: CallLog } | undefined;
  const calls = (ctx: FeatureContext): CallLog => {
    if (log?.db !== ctx.db) log = { db: ctx.db, calls: new CallLog(ctx.db, ctx.outbox) };
    return log.calls;
  };
  const found = (id: string, entry: CallLogEntry | null): CallLogEntry => {
    if (!entry) throw new BridgeFailure({ code: 'not_found', message: `no call ${id}` });
    return entry;
  };
  const changed = (ctx: FeatureContext, entry: CallLogEntry, queued: boolean): CallLogEntry => {
    ctx.emit('calls.changed', entry);
    if (queued) ctx.emitStatus();
    return entry;
  };

  return {
    'calls.started': (params) => {
      const ctx = context();
      return changed(ctx, calls(ctx).started(params), false);
    },
    'calls.answered': ({ id, answeredAt }) => {
      const ctx = context();
      return changed(ctx, found(id, calls(ctx).answered(id, answeredAt)), false);
    },
    'calls.ended': ({ id, endedAt, outcome, transferredTo }) => {
      const ctx = context();
      return changed(ctx, found(id, calls(ctx).ended(id, endedAt, outcome, transferredTo, ctx.userId(), ctx.now())), true);
    },
    'calls.update': ({ id, ...change }) => {
      const ctx = context();
      return changed(ctx, found(id, calls(ctx).update(id, change, ctx.userId(), ctx.now())), true);
    },
    'calls.recent': ({ limit }) => calls(context()).recent(limit),
  };
};
