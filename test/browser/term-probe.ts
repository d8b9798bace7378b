// What a screen reader and a sighted user get from an explained word: its tooltip and the focused
// element's name and description in the browser's accessibility tree.
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** The explanation a term points to (its aria-describedby), as a locator. */
export async function tipOf(term: Locator): Promise<Locator> {
  const id = await term.getAttribute('aria-describedby');
  expect(id, 'the term has a description').toBeTruthy();
  return term.page().locator(`[id="${id}"]`);
}

interface AxNode {
  role?: { value: string };
  name?: { value: string };
  description?: { value: string };
  properties?: { name: string; value: { value: unknown } }[];
}

/** The focused element's accessible name and description, as the accessibility tree gives them. */
export async function focusedAx(page: Page): Promise<{ name: string; description: string }> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AxNode[] };
    // The document itself counts as focused too; the element is the other one.
    const focused = nodes.find(
      (n) =>
        n.role?.value !== 'RootWebArea' &&
        n.properties?.some((p) => p.name === 'focused' && p.value.value === true),
    );
    return { name: focused?.name?.value ?? '', description: focused?.description?.value ?? '' };
  } finally {
    await cdp.detach();
  }
}

/** What screen readers hear as the focused element's description. */
export const focusedDescription = async (page: Page): Promise<string> =>
  (await focusedAx(page)).description;
