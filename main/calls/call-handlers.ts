import type { callMethods } from '../../preload/contract';
import { BridgeFailure } from '../core/bridge-failure';
import type { FeatureFactory } from '../core/feature-context';

/** The call log (issues 4 and 5). Not built yet: every method answers not_implemented. */
export const callHandlers: FeatureFactory<keyof typeof callMethods> = () => {
  const missing = (): never => {
    throw new BridgeFailure({ code: 'internal', message: 'call log not built yet' });
  };
  return { 'calls.started': missing, 'calls.answered': missing, 'calls.ended': missing, 'calls.update': missing, 'calls.recent': missing };
};
