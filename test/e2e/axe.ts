// axe-core in the page (injected through the DevTools protocol, which the CSP does not govern):
// the serious and critical violations under one element.
import axe from 'axe-core';
import type { Page } from 'playwright-core';

export async function seriousViolations(page: Page, selector: string): Promise<string[]> {
  await page.evaluate(axe.source);
  // A string, run in the page: axe is a global its injected source defines.
  const result: unknown = await page.evaluate(`(async () => {
    const { violations } = await axe.run(document.querySelector(${JSON.stringify(selector)}), { resultTypes: ['violations'] });
    return violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
  })()`);
  return (result as Array<{ id: string; impact: string; targets: string[] }>)
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.targets.join(', ')}`);
}
