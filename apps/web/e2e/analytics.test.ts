// The Analytics page on the demo data: the funnel with its table and CSV, the charts drawn, no serious
// accessibility findings; a phone shows it without sideways scrolling; and a what-if simulation of a higher
// pass mark lists who would change, then "Apply" updates the stage (docs/rules.md#rule-simulation).
import { readFileSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { seriousAxeViolations } from './axe.ts';
import { test } from './fixtures.ts';
import { signIn } from './harness.ts';

const BACKEND = 'Senior Backend Engineer';

describe('Analytics', () => {
  let analyticsPath = '';

  test('the sidebar leads to the funnel of the demo template, drawn and tabled', async ({ app, page, pageErrors }) => {
    await page.goto(`${app.url}/templates`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Analytics' }).click();
    await page.getByRole('heading', { level: 1, name: 'Analytics' }).waitFor();
    await page.getByLabel('Evaluation template').selectOption({ label: BACKEND });
    await expect.poll(() => new URL(page.url()).search).toContain('template=');
    analyticsPath = new URL(page.url()).pathname + new URL(page.url()).search;

    const funnel = page.getByRole('region', { name: 'Funnel' });
    const table = funnel.getByRole('table', { name: 'Funnel' });
    await table.waitFor();
    const screen = table.getByRole('row', { name: /^Phone Screen/ });
    // Every demo candidate of this template entered the Phone Screen but the one advanced past it by hand.
    const entered = Number(await screen.getByRole('cell').first().textContent());
    expect(entered).toBeGreaterThan(20);
    await expect.poll(() => table.getByRole('row').count()).toBe(4);
    await funnel.getByRole('img', { name: /Funnel/ }).waitFor();
    expect(await funnel.locator('svg .chart-bar').count()).toBeGreaterThan(3);

    // The scores' chart draws the pass mark; the open decisions have their table too.
    await page.getByRole('region', { name: 'Scores' }).getByText('Pass mark 60').waitFor();
    await page.getByRole('region', { name: 'Open decisions' }).getByRole('table').waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      funnel.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('funnel.csv');
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.split('\r\n')[0]).toMatch(/^Stage,Entered,Passed,/);
    expect(csv).toContain(`Phone Screen,${entered},`);

    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  test('a phone shows it without scrolling the page sideways', async ({ app, browser }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const phone = await context.newPage();
    await signIn(phone, app);
    await phone.goto(`${app.url}${analyticsPath}`);
    await phone.getByRole('table', { name: 'Funnel' }).waitFor();
    await phone.waitForLoadState('networkidle');
    const sideways = await phone.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(sideways).toBe(0);
    await context.close();
  });

  test('a higher pass mark at the Phone Screen lists who would change, and Apply sets it', async ({
    page,
    pageErrors,
  }) => {
    const whatIf = page.getByRole('region', { name: /What if/ });
    await whatIf.getByLabel(/^Phone Screen \(pass mark 60/).check();
    await whatIf.getByLabel('Pass mark', { exact: true }).fill('80');
    await whatIf.getByRole('button', { name: 'Run simulation' }).click();

    await whatIf
      .getByText(/Replaying with the rules unchanged reproduces what happened for (\d+) of \1 results/)
      .waitFor();
    const changed = whatIf.getByRole('table', { name: 'Who would change' });
    const sofia = changed.getByRole('row', { name: /Sofia Rossi/ });
    await sofia.waitFor();
    await expect.poll(() => sofia.textContent()).toMatch(/Advanced.*Waited for a decision.*70.*60 → 80/);
    expect(await sofia.getByRole('link', { name: 'Sofia Rossi' }).getAttribute('href')).toMatch(/^\/participants\//);

    await whatIf.getByRole('button', { name: 'Apply to Phone Screen' }).click();
    await page.getByText('Phone Screen now has the new rules').waitFor();
    // The stage now has the pass mark: the simulation offers it with its new settings.
    await whatIf.getByLabel(/^Phone Screen \(pass mark 80/).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
