// The app under its Content-Security-Policy (docs/decisions/013-security-headers-and-csp.md): every main
// page, the API docs included, renders and works with no violation reported, and no other site can
// frame it. A violation shows up twice: Chromium's console error ("Refused to …") and the page's
// `securitypolicyviolation` event, which an init script reports on the console too.
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { test } from './fixtures.ts';
import { signIn } from './harness.ts';

const VIOLATION_PREFIX = 'securitypolicyviolation:';

/** Collects every CSP violation the page reports, from now on and across navigations. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if (text.startsWith(VIOLATION_PREFIX) || /Content Security Policy/i.test(text)) violations.push(text);
  });
  await page.addInitScript((prefix) => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`${prefix} ${event.effectiveDirective} blocked ${event.blockedURI} ${event.sample}`);
    });
  }, VIOLATION_PREFIX);
  return violations;
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });
const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

describe('security headers in the browser', () => {
  test('the app is served with a strict policy', async ({ app }) => {
    const res = await fetch(`${app.url}/templates`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  test('the main pages and the API docs work under the policy, with no violation', async ({
    app,
    newPage,
    pageErrors,
  }) => {
    const page = await newPage();
    const violations = await watchViolations(page);
    await signIn(page, app);

    await nav(page).getByRole('link', { name: 'Evaluation Templates' }).click();
    await heading(page, 'Evaluation Templates').waitFor();
    await page.getByRole('link', { name: 'Senior Backend Engineer' }).first().click();
    await heading(page, 'Senior Backend Engineer').waitFor();
    await page.goto(`${page.url()}/board`);
    await page.getByRole('heading', { name: 'Phone Screen' }).first().waitFor();

    await nav(page).getByRole('link', { name: 'Agent Profiles' }).click();
    await heading(page, 'Agent Profiles').waitFor();

    await nav(page).getByRole('link', { name: 'Participants' }).click();
    await heading(page, 'Participants').waitFor();
    await page.locator('main table a').first().click();
    await page.getByRole('list', { name: 'Timeline' }).waitFor();

    await nav(page)
      .getByRole('link', { name: /^Decisions/ })
      .click();
    await heading(page, 'Decisions').waitFor();

    await nav(page).getByRole('link', { name: 'Settings' }).click();
    await heading(page, 'Members').waitFor();

    // Developer → API docs, as a person gets there: an operation opened, its curl copied (a toast).
    await nav(page).getByRole('link', { name: 'Developer' }).click();
    await heading(page, 'API keys').waitFor();
    await page.getByRole('link', { name: 'API docs' }).first().click();
    await heading(page, 'API docs').waitFor();
    await page.getByRole('heading', { level: 2, name: 'Evaluation templates' }).waitFor();
    const operation = page.locator('details', { hasText: 'Add a stage to a template' });
    await operation.locator('summary').click();
    await expect.poll(() => operation.getByRole('table').first().getByRole('row').count()).toBeGreaterThan(3);
    await operation.getByRole('button', { name: /copy/i }).first().click();
    await page.locator('[data-sonner-toast]').first().waitFor();
    // sonner's stylesheet applied (the one inline <style> the policy allows by its hash): toasts are laid out.
    await expect
      .poll(() => page.locator('[data-sonner-toaster]').evaluate((el) => getComputedStyle(el).position))
      .toBe('fixed');

    await page.waitForLoadState('networkidle');
    expect(violations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  test('another site cannot frame the app', async ({ app, newPage }) => {
    const page = await newPage();
    const refusals: string[] = [];
    page.on('console', (message) => refusals.push(message.text()));
    await page.setContent(`<iframe src="${app.url}/sign-in" title="framed"></iframe>`);
    await expect.poll(() => refusals.join('\n')).toMatch(/frame-ancestors 'none'/);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    expect(await frame?.getByRole('button', { name: 'Sign in', exact: true }).count()).toBe(0);
  });
});
