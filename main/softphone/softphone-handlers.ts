import type { softphoneMethods } from '../../preload/contract';
import type { FeatureFactory } from '../core/feature-context';

/** Softphone account secrets and agent-state rules (issue 4). */
export const softphoneHandlers: FeatureFactory<keyof typeof softphoneMethods> = () => ({});
