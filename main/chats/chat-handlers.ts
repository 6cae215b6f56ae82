import type { chatMethods } from '../../preload/contract';
import type { FeatureFactory } from '../core/feature-context';

/** Chat conversations (issue 8). */
export const chatHandlers: FeatureFactory<keyof typeof chatMethods> = () => ({});
