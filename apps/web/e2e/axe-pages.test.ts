// axe-core on every main dashboard page, as the demo account sees it once loaded: no serious or
// critical WCAG 2.1 A/AA violation (links told apart from their text by more than colour, among others).
import { describe, expect } from 'vitest';
import { type AxeViolation, seriousAxeViolations } from './axe.ts';
import { test } from './fixtures.ts';

describe('accessibility of the main pages', () => {
  test('no serious axe violations on any main page', async ({ app, page }) => {
    // The pages behind a record: the first template, its board, the first participant and profile.
    const firstLink = async (list: string, prefix: string) => {
      await page.goto(`${app.url}${list}`);
      const link = page.locator(`main a[href^="${prefix}"]`).first();
      await link.waitFor();
      return link.getAttribute('href');
    };
    const template = await firstLink('/templates', '/templates/');
    const participant = await firstLink('/participants', '/participants/');
    const profile = await firstLink('/agent-profiles', '/agent-profiles/');

    const pages = [
      '/templates',
      template,
      `${template}/board`,
      '/agent-profiles',
      profile,
      '/participants',
      participant,
      '/decisions',
      '/decisions?view=decided',
      '/developer/api-keys',
      '/developer/api-docs',
      '/settings/members',
      '/settings/portal-notice',
      '/settings/interviewer-model',
    ];
    const found: Record<string, AxeViolation[]> = {};
    for (const path of pages) {
      await page.goto(`${app.url}${path}`);
      await page.locator('main h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      // Nothing still loading: axe judges the page as it is read.
      await page.locator('[aria-busy="true"]').first().waitFor({ state: 'detached' });
      const violations = await seriousAxeViolations(page);
      if (violations.length > 0) found[path!] = violations;
    }
    expect(found).toEqual({});
  });
});
