import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

export interface Violation {
  id: string;
  impact: string | null | undefined;
  nodes: string[];
}

/**
 * Serious and critical axe violations (WCAG 2.1 A/AA and best practice). Tabster's focus sentinels
 * (`data-tabster-dummy`: the invisible, aria-hidden elements Fluent UI's arrow-key groups such as
 * TabList put at the edges of the page to wrap focus) are left out: they hand focus on at once and
 * are never read, which axe cannot know. `include` narrows the check to one part of the page.
 */
export async function seriousViolations(page: Page, include?: string): Promise<Violation[]> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).exclude('[data-tabster-dummy]');
  if (include) builder = builder.include(include); // one region of the desk
  const results = await builder.analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({ id: violation.id, impact: violation.impact, nodes: violation.nodes.map((node) => node.target.join(' ')) }));
}
