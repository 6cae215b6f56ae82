import { REGION_ORDER } from './shortcuts/registry';
import type { RegionId } from './shortcuts/registry';

export const regionElementId = (region: RegionId): string => `region-${region}`;

export function focusRegion(region: RegionId): void {
  document.getElementById(regionElementId(region))?.focus();
}

/** F6 / Shift+F6: the next or previous region from the one holding focus. */
export function cycleRegion(step: 1 | -1): void {
  const current = document.activeElement?.closest<HTMLElement>('[data-region]')?.dataset.region;
  const index = REGION_ORDER.findIndex((region) => region === current);
  const next = index === -1 ? (step === 1 ? 0 : REGION_ORDER.length - 1) : (index + step + REGION_ORDER.length) % REGION_ORDER.length;
  const region = REGION_ORDER[next];
  if (region) focusRegion(region);
}

/** The knowledge-base search field (Ctrl+K, F3). */
export function focusKbSearch(): void {
  document.querySelector<HTMLElement>('[data-kb-search]')?.focus();
}
