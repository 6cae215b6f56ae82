import type { ticketMethods } from '../../preload/contract';
import type { FeatureFactory } from '../core/feature-context';

/** Tickets, catalogue, streets, routing and visits (issue 7). */
export const ticketHandlers: FeatureFactory<keyof typeof ticketMethods> = () => ({});
