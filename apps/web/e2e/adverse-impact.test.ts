// Analytics → Adverse impact on the demo data (docs/rules.md#adverse-impact): the owner sees each stage's
// figures by sex and race/ethnicity with N, impact ratios, flags and p-values, and downloads them for a bias
// audit; a reviewer is refused the page and the API; an admin sees them once the owner allows it.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { seriousAxeViolations } from './axe.ts';
import { test as e2e } from './fixtures.ts';
import { saveScreenshot, signIn } from './harness.ts';
import { expectPhoneFriendly, openPortal, participantPhone, watchCsp } from './portal.ts';

const BACKEND = 'Senior Backend Engineer';
const REVIEWER = { name: 'Rex Reviewer', email: 'rex@demo.example', password: 'rex-long-password' };
const ADMIN = { name: 'Ada Admin', email: 'ada@demo.example', password: 'ada-long-password' };

/** The people of this story besides the demo owner, each in a browser context of their own. */
const test = e2e
  .extend('reviewer', { scope: 'file' }, ({ newPage }) => newPage())
  .extend('admin', { scope: 'file' }, ({ newPage }) => newPage());

/** The owner invites `person` with `role` (better-auth's endpoint, as the Members page does); the invite's id. */
async function invite(owner: Page, person: { email: string }, role: 'reviewer' | 'admin'): Promise<string> {
  const answer = await owner.evaluate(
    async ({ email, role }) => {
      const res = await fetch('/api/auth/organization/invite-member', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, role }),
      });
      return { status: res.status, body: (await res.json()) as { id?: string } };
    },
    { email: person.email, role },
  );
  expect(answer.status).toBe(200);
  return answer.body.id ?? '';
}

/** The invitee opens the link, signs up and accepts: they land in the demo workspace. */
async function join(page: Page, url: string, person: typeof REVIEWER): Promise<void> {
  await page.goto(url);
  await page.getByRole('link', { name: 'Create an account' }).click();
  await page.getByLabel('Name').fill(person.name);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('button', { name: 'Accept and join' }).click();
  await page.getByRole('heading', { level: 1, name: 'Evaluation Templates' }).waitFor();
}

/** The Sex table of a measure in a stage's section. */
const sexTable = (page: Page, section: string, measure: string) =>
  page.getByRole('region', { name: section, exact: true }).getByRole('table', { name: `${measure}: Sex` });

describe('Adverse impact', () => {
  let pagePath = '';

  test('the owner reaches it from Analytics and sees each stage by sex with N and p-values', async ({
    app,
    page,
    pageErrors,
  }) => {
    await page.goto(`${app.url}/analytics`);
    await page.getByLabel('Evaluation template').selectOption({ label: BACKEND });
    await page.getByRole('link', { name: 'Adverse impact' }).click();
    await page.getByRole('heading', { level: 1, name: 'Adverse impact' }).waitFor();
    pagePath = new URL(page.url()).pathname + new URL(page.url()).search;
    expect(pagePath).toMatch(/^\/analytics\/adverse-impact\?template=/);

    // Most demo candidates answered the voluntary questions.
    await expect.poll(() => page.locator('.impact-summary').textContent()).toMatch(/\d+ of them \(\d+%\) answered/);

    const selection = sexTable(page, 'Phone Screen', 'Selection');
    await selection.waitFor();
    const female = selection.getByRole('row', { name: /^Female/ });
    const male = selection.getByRole('row', { name: /^Male/ });
    // Category, N, Selected, rate, impact ratio, p-value, four-fifths verdict.
    expect(await female.getByRole('cell').allTextContents()).toEqual([
      '12',
      '12',
      '100.0%',
      '1.00',
      '–',
      'Highest rate (reference)',
    ]);
    const maleCells = await male.getByRole('cell').allTextContents();
    expect(maleCells[0]).toBe('11');
    expect(maleCells[3]).toMatch(/^0\.\d\d$/);
    expect(maleCells[4]).toMatch(/^0\.\d{4}$/);
    expect(maleCells[5]).toBe('Within four fifths');
    await expect
      .poll(() =>
        selection
          .getByRole('row', { name: /^Unknown/ })
          .getByRole('cell')
          .first()
          .textContent(),
      )
      .toBe('<5');

    // Small groups are honest: a race/ethnicity with a handful of people is insufficient data.
    const byRace = page
      .getByRole('region', { name: 'Phone Screen', exact: true })
      .getByRole('table', { name: 'Selection: Race/ethnicity' });
    await expect.poll(() => byRace.getByRole('row', { name: /^Asian/ }).textContent()).toContain('Insufficient data');
    // The scoring rate, as LL144 audits use it: the share above the median score.
    await page
      .getByRole('region', { name: 'Phone Screen', exact: true })
      .getByRole('table', { name: /^Scoring: above the median score of [\d.]+ \(\d+ results\): Sex$/ })
      .waitFor();

    await saveScreenshot(page, 'adverse-impact-owner');
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  test('the owner downloads the figures and the period for a bias audit', async ({ page }) => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV for a bias audit' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('adverse-impact.csv');
    const lines = readFileSync(await download.path(), 'utf8').split('\r\n');
    expect(lines[0]).toBe(
      'Template,Enrolled from,Enrolled to,Tag,As of,Scope,Measure,Dimension,Category,N,Favourable outcomes,Rate,Impact ratio,p-value (two-sided Fisher exact),Four-fifths rule,Note',
    );
    expect(lines.find((l) => l.includes(',Phone Screen,Selection,Sex,Female,'))).toMatch(
      new RegExp(
        `^${BACKEND},,,,\\d{4}-\\d\\d-\\d\\dT[^,]+,Phone Screen,Selection,Sex,Female,12,12,100.0%,1.00,–,Highest rate \\(reference\\),$`,
      ),
    );
    expect(lines.some((l) => l.includes(',Whole template,Completion,Sex × race/ethnicity,'))).toBe(true);
  });

  test('a phone shows it without scrolling the page sideways', async ({ app, browser }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const phone = await context.newPage();
    await signIn(phone, app);
    await phone.goto(`${app.url}${pagePath}`);
    await sexTable(phone, 'Phone Screen', 'Selection').waitFor();
    await phone.waitForLoadState('networkidle');
    expect(
      await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    ).toBe(0);
    await context.close();
  });

  test('a reviewer is refused the page and the API', async ({ app, page, reviewer, pageErrors }) => {
    const id = await invite(page, REVIEWER, 'reviewer');
    await join(reviewer, `${app.url}/invite/${id}`, REVIEWER);

    await reviewer.goto(`${app.url}/analytics`);
    await reviewer.getByRole('heading', { level: 1, name: 'Analytics' }).waitFor();
    expect(await reviewer.getByRole('link', { name: 'Adverse impact' }).count()).toBe(0);

    await reviewer.goto(`${app.url}${pagePath}`);
    await reviewer.getByRole('heading', { name: 'Only owners see these figures' }).waitFor();
    expect(await reviewer.getByRole('table').count()).toBe(0);

    const refused = await reviewer.evaluate(async (path) => {
      const template = new URLSearchParams(path.split('?')[1]).get('template');
      const input = encodeURIComponent(JSON.stringify({ evaluation_template_id: template }));
      const trpc = await fetch(`/trpc/analytics.adverseImpact?input=${input}`);
      const rest = await fetch(`/api/v1/analytics/adverse-impact?evaluation_template_id=${template}`);
      return { trpc: trpc.status, rest: rest.status, message: ((await rest.json()) as { error: string }).error };
    }, pagePath);
    expect(refused).toEqual({
      trpc: 403,
      rest: 403,
      message: "Your role (reviewer) cannot do this: it needs owner or above, or admin with an owner's grant",
    });
    await saveScreenshot(reviewer, 'adverse-impact-reviewer');
    expect(pageErrors).toEqual([]);
  });

  test('an admin sees the figures once the owner allows it on the page', async ({ app, page, admin }) => {
    const id = await invite(page, ADMIN, 'admin');
    await join(admin, `${app.url}/invite/${id}`, ADMIN);
    await admin.goto(`${app.url}${pagePath}`);
    await admin.getByRole('heading', { name: 'Only owners see these figures' }).waitFor();

    await page.reload();
    const access = page.getByRole('region', { name: 'Who sees these figures' });
    const box = access.getByRole('checkbox', { name: new RegExp(ADMIN.name) });
    expect(await box.isChecked()).toBe(false);
    await box.click();
    await page.getByText(`${ADMIN.name} can now see these figures`).waitFor();
    await expect.poll(() => box.isChecked()).toBe(true);

    await admin.reload();
    await sexTable(admin, 'Phone Screen', 'Selection').waitFor();
    expect(await admin.getByRole('region', { name: 'Who sees these figures' }).count()).toBe(0);
  });

  test('a simulation shows the owner impact ratios under each rule set', async ({ app, page, pageErrors }) => {
    await page.goto(`${app.url}${pagePath.replace('/adverse-impact', '')}`);
    const whatIf = page.getByRole('region', { name: /What if/ });
    await whatIf.getByLabel(/^Phone Screen \(pass mark 60/).check();
    await whatIf.getByLabel('Pass mark', { exact: true }).fill('80');
    await whatIf.getByRole('button', { name: 'Run simulation' }).click();
    const ratios = page.getByRole('region', { name: 'Impact ratios at Phone Screen' });
    const female = ratios.getByRole('row', { name: /^Sex Female/ });
    await female.waitFor();
    // Category, N, pass rate and ratio before; N, pass rate, ratio, p-value and verdict after.
    expect(await female.getByRole('cell').count()).toBe(9);
    expect(pageErrors).toEqual([]);
  });

  test('a participant answers the voluntary questions in their portal; the timeline says only that', async ({
    app,
    page,
    browser,
  }) => {
    // Rosa, the demo's portal participant, has not answered yet; the start printed her link.
    const name = 'Rosa Jiménez';
    const url = /Open Rosa Jiménez's participant portal \(demo\): (\S+)/.exec(app.logs())?.[1] ?? '';
    const context = await participantPhone(browser);
    const phone = await openPortal(context, url, name);
    const csp = watchCsp(phone);
    const offer = phone.getByRole('region', { name: 'Voluntary questions about you' });
    await offer.getByRole('link', { name: 'Answer the voluntary questions' }).click();
    await phone.getByRole('heading', { level: 1, name: 'Voluntary questions about you' }).waitFor();
    await phone.getByText('Answering is voluntary.', { exact: false }).waitFor();
    await expectPhoneFriendly(phone);

    await phone.getByRole('group', { name: 'Sex' }).getByRole('radio', { name: 'Female', exact: true }).check();
    await phone
      .getByRole('group', { name: 'Race and ethnicity' })
      .getByRole('radio', { name: 'Hispanic or Latino', exact: true })
      .check();
    await phone.getByRole('button', { name: 'Save my answers' }).click();
    await phone.getByText('Thank you. Your answers are saved').waitFor();
    expect(await phone.getByRole('radio', { name: 'Female', exact: true }).isChecked()).toBe(true);
    await saveScreenshot(phone, 'adverse-impact-portal-questions');
    expect(csp).toEqual([]);
    await context.close();

    await page.goto(`${app.url}/participants`);
    await page.getByRole('link', { name, exact: true }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    const timeline = page.getByRole('list', { name: 'Timeline' });
    await expect
      .poll(() => timeline.locator('.timeline-title').allTextContents())
      .toContain('Answered the voluntary questions about themselves');
    expect(await page.locator('main').textContent()).not.toMatch(/Hispanic|Female/);
  });
});
