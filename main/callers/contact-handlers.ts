import type { contactMethods } from '../../preload/contract';
import type { FeatureFactory } from '../core/feature-context';

/** Contacts and caller history (issue 5). */
export const contactHandlers: FeatureFactory<keyof typeof contactMethods> = () => ({});
