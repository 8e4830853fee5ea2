// Accounts, workspaces and roles as two people use them, each in their own browser: an owner signs
// up, creates a workspace and invites a reviewer by link; the reviewer signs up, accepts, and can
// read but not change what only admins change. The steps build on each other, in order.
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { test as e2e } from './fixtures.ts';
import { DEMO_ACCOUNT, saveScreenshot } from './harness.ts';

/** The two people of this story, each in a browser context of their own (two browsers' worth of cookies). */
const test = e2e
  .extend('owner', { scope: 'file' }, ({ newPage }) => newPage())
  .extend('reviewer', { scope: 'file' }, ({ newPage }) => newPage());

const OWNER = { name: 'Ada Owner', email: 'ada@acme.example', password: 'ada-long-password' };
const REVIEWER = { name: 'Rex Reviewer', email: 'rex@acme.example', password: 'rex-long-password' };

/** The header's account button: the signed-in person's name, their workspace and role. */
const accountButton = (page: Page) => page.getByRole('banner').getByRole('button', { expanded: false });

async function fillSignUp(page: Page, person: typeof OWNER) {
  await page.getByLabel('Name').fill(person.name);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Create account' }).click();
}

describe('accounts, workspaces and roles in Chromium', () => {
  let inviteUrl: string;

  test('a page of the app sends a visitor to sign in, and names the demo account', async ({ app, owner }) => {
    await owner.goto(`${app.url}/templates`);
    await owner.getByRole('heading', { name: 'Sign in to Stageflow' }).waitFor();
    expect(new URL(owner.url()).pathname).toBe('/sign-in');
    expect(new URL(owner.url()).searchParams.get('next')).toBe('/templates');
    await expect.poll(() => owner.getByText('Trying it out?').textContent()).toContain(DEMO_ACCOUNT.email);

    // A wrong password is refused with the server's words, on the form.
    await owner.getByLabel('Email').fill(DEMO_ACCOUNT.email);
    await owner.getByLabel('Password').fill('not the password');
    await owner.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => owner.getByRole('alert').textContent()).toBe('Invalid email or password');
    await saveScreenshot(owner, 'accounts-sign-in');
  });

  test('the owner signs up; the server’s refusal shows beside the field it is about', async ({ owner }) => {
    await owner.getByRole('link', { name: 'Create an account' }).click();
    await owner.getByRole('heading', { name: 'Create your account' }).waitFor();

    // The demo address is taken: better-auth says so, beside Email.
    await fillSignUp(owner, { ...OWNER, email: DEMO_ACCOUNT.email });
    const email = owner.getByLabel('Email');
    await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
    await expect
      .poll(() => owner.locator('.field-error').textContent())
      .toBe('User already exists. Use another email.');
    await saveScreenshot(owner, 'accounts-sign-up-error');

    await fillSignUp(owner, OWNER);
    await owner.getByRole('heading', { name: 'Create your workspace' }).waitFor();
  });

  test('the owner creates a workspace and lands in it as its owner', async ({ owner }) => {
    await owner.getByLabel('Workspace name').fill('Acme Hiring');
    await expect.poll(() => owner.getByLabel('Slug').inputValue()).toBe('acme-hiring');
    await saveScreenshot(owner, 'accounts-create-workspace');
    await owner.getByRole('button', { name: 'Create workspace' }).click();

    await owner.getByRole('heading', { level: 1, name: 'Evaluation Templates' }).waitFor();
    await owner.getByRole('heading', { name: 'No evaluation templates yet' }).waitFor();
    const account = accountButton(owner);
    await expect.poll(() => account.textContent()).toContain('Ada Owner');
    await expect.poll(() => account.textContent()).toContain('Acme Hiring · Owner');

    // Something for the reviewer to read later: a template with one stage.
    await owner.getByRole('button', { name: 'New template' }).click();
    const dialog = owner.getByRole('dialog', { name: 'New evaluation template' });
    await dialog.getByLabel('Name', { exact: true }).fill('Platform Engineer');
    await dialog.getByLabel('Use case').selectOption('hiring');
    await dialog.getByRole('button', { name: 'Create template' }).click();
    await owner.getByRole('heading', { level: 1, name: 'Platform Engineer' }).waitFor();
    await owner.getByRole('button', { name: 'Add stage', exact: true }).click();
    const stage = owner.getByRole('dialog', { name: 'Add stage' });
    await stage.getByLabel('Stage name').fill('Portfolio Review');
    await stage.getByLabel('Stage type').selectOption('manual_review');
    await stage.getByLabel('Pass threshold').fill('60');
    await stage.getByRole('button', { name: 'Save stage' }).click();
    await stage.waitFor({ state: 'hidden' });
    await owner.getByTestId('stage-card').filter({ hasText: 'Portfolio Review' }).waitFor();
  });

  test('editing a stage someone is in warns that they keep the rules they entered with', async ({ owner }) => {
    const templateId = new URL(owner.url()).pathname.split('/').pop();
    // Enrolling has no page yet (participants arrive in their own issue): the API, from the owner's session.
    const enrolled = await owner.evaluate(async (id) => {
      const response = await fetch('/trpc/participants.create', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-stageflow-client': 'web' },
        body: JSON.stringify({ evaluation_template_id: id, name: 'Pat Participant', email: 'pat@example.com' }),
      });
      return response.status;
    }, templateId);
    expect(enrolled).toBe(200);

    await owner.getByTestId('stage-card').getByRole('button', { name: 'Edit' }).click();
    const stage = owner.getByRole('dialog', { name: 'Edit stage' });
    await stage.getByLabel('Pass threshold').fill('70');
    await stage.getByRole('button', { name: 'Save stage' }).click();
    await owner
      .getByText('1 participant already in “Portfolio Review” keep the rules they entered with', { exact: false })
      .waitFor();
    await saveScreenshot(owner, 'accounts-stage-in-flight');
  });

  test('the owner invites a reviewer and copies the invite link', async ({ app, owner }) => {
    await owner.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await owner.getByRole('heading', { level: 1, name: 'Members' }).waitFor();
    const me = owner.getByRole('row', { name: /Ada Owner/ });
    await expect.poll(() => me.textContent()).toContain('Owner');
    await owner.getByRole('heading', { name: 'No pending invitations' }).waitFor();

    await owner.getByRole('button', { name: 'Invite member' }).first().click();
    const dialog = owner.getByRole('dialog', { name: 'Invite member' });
    await dialog.getByLabel('Email').fill(REVIEWER.email);
    await dialog.getByRole('radio', { name: 'Reviewer' }).check();
    await dialog.getByRole('button', { name: 'Create invite link' }).click();

    const sent = owner.getByRole('dialog', { name: 'Send the invite link' });
    inviteUrl = await sent.getByLabel('Invite link').inputValue();
    expect(inviteUrl).toMatch(new RegExp(`^${app.url}/invite/[0-9a-f-]{36}$`));
    await saveScreenshot(owner, 'accounts-invite-link');
    await sent.getByRole('button', { name: 'Done' }).click();

    // The pending invitation lists the same link, to copy again later.
    const row = owner.getByRole('row', { name: new RegExp(REVIEWER.email) });
    await expect.poll(() => row.getByLabel(`Invite link for ${REVIEWER.email}`).inputValue()).toBe(inviteUrl);
    await expect.poll(() => row.textContent()).toContain('Reviewer');
  });

  test('an invite link opened by someone else shows nothing of the invitation', async ({ owner }) => {
    const other = await owner.context().newPage();
    await other.goto(inviteUrl);
    await other.getByRole('heading', { name: 'This invitation is not for you' }).waitFor();
    expect(await other.getByText('Acme Hiring').count()).toBe(0);
    await other.close();
  });

  test('the reviewer opens the link in their own browser, signs up and accepts', async ({ reviewer }) => {
    await reviewer.goto(inviteUrl);
    await reviewer.getByRole('heading', { name: 'You’re invited to Stageflow' }).waitFor();
    await reviewer.getByRole('link', { name: 'Create an account' }).click();
    await fillSignUp(reviewer, REVIEWER);

    // Back on the invitation, now that it can be shown to its addressee.
    await reviewer.getByRole('heading', { name: 'Join Acme Hiring' }).waitFor();
    expect(new URL(reviewer.url()).pathname).toBe(new URL(inviteUrl).pathname);
    await expect.poll(() => reviewer.locator('.invite-details').textContent()).toContain('Reviewer');
    await saveScreenshot(reviewer, 'accounts-invitation');
    await reviewer.getByRole('button', { name: 'Accept and join' }).click();

    await reviewer.getByRole('heading', { level: 1, name: 'Evaluation Templates' }).waitFor();
    await expect.poll(() => accountButton(reviewer).textContent()).toContain('Acme Hiring · Reviewer');
  });

  test('the reviewer reads templates but gets no admin controls, and the server refuses their writes', async ({
    reviewer,
  }) => {
    await reviewer.getByRole('link', { name: 'Platform Engineer' }).click();
    await reviewer.getByRole('heading', { level: 1, name: 'Platform Engineer' }).waitFor();
    const card = reviewer.getByTestId('stage-card').filter({ hasText: 'Portfolio Review' });
    await card.waitFor();
    expect(await reviewer.getByRole('button', { name: /Add stage|Edit details|Duplicate|Import/ }).count()).toBe(0);
    // The pipeline is drawn for reading: no drag handle, move, edit, archive or delete on the card.
    expect(await card.getByRole('button').count()).toBe(0);
    await saveScreenshot(reviewer, 'accounts-reviewer-template');

    await reviewer
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Evaluation Templates' })
      .click();
    await reviewer.getByRole('heading', { level: 1, name: 'Evaluation Templates' }).waitFor();
    expect(await reviewer.getByRole('button', { name: 'New template' }).count()).toBe(0);
    await reviewer.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Agent Profiles' }).click();
    await reviewer.getByRole('heading', { name: 'No agent profiles yet' }).waitFor();
    expect(await reviewer.getByRole('link', { name: /New agent profile|Create your first/ }).count()).toBe(0);

    // Were a reviewer to try anyway (a stale page, a script in their session), the server refuses.
    const refused = await reviewer.evaluate(async () => {
      const response = await fetch('/trpc/templates.create', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-stageflow-client': 'web' },
        body: JSON.stringify({ template_name: 'Sneaky', use_case: 'hiring' }),
      });
      return { status: response.status, body: await response.json() };
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe('Your role (reviewer) cannot do this: it needs admin or above');

    // Members: the reviewer sees who is here, and no controls to change it.
    await reviewer.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await reviewer.getByRole('heading', { level: 1, name: 'Members' }).waitFor();
    await expect.poll(() => reviewer.getByRole('row', { name: /Ada Owner/ }).textContent()).toContain('Owner');
    expect(await reviewer.getByRole('button', { name: /Invite member|Remove/ }).count()).toBe(0);
    expect(await reviewer.getByRole('combobox').count()).toBe(0);
  });

  test('the owner sees the reviewer joined, and may change their role', async ({ owner }) => {
    await owner.reload();
    const row = owner.getByRole('row', { name: /Rex Reviewer/ });
    await row.waitFor();
    await owner.getByRole('heading', { name: 'No pending invitations' }).waitFor();
    const role = row.getByRole('combobox', { name: 'Role of Rex Reviewer' });
    expect(await role.inputValue()).toBe('reviewer');
    // Picking a role asks first: Cancel leaves it as it was.
    await role.selectOption('viewer');
    const confirm = owner.getByRole('alertdialog', { name: 'Change role' });
    expect(await confirm.textContent()).toContain('Change Rex Reviewer from reviewer to viewer?');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    // Let the dialog finish closing before asking again, as a person would (it animates out).
    await confirm.waitFor({ state: 'hidden' });
    await expect.poll(() => role.inputValue()).toBe('reviewer');
    await role.selectOption('viewer');
    await confirm.getByRole('button', { name: 'Make viewer' }).click();
    await owner.getByText('Rex Reviewer is now viewer').waitFor();
    await expect.poll(() => role.inputValue()).toBe('viewer');
    await saveScreenshot(owner, 'accounts-members');
  });

  test('the owner creates a second workspace from the account menu and switches back', async ({ owner }) => {
    await accountButton(owner).click();
    await owner.getByRole('menuitem', { name: 'Create workspace' }).click();
    await owner.getByRole('heading', { name: 'Create a workspace' }).waitFor();
    await owner.getByLabel('Workspace name').fill('Acme Academy');
    await owner.getByRole('button', { name: 'Create workspace' }).click();
    await owner.getByRole('heading', { name: 'No evaluation templates yet' }).waitFor();
    await expect.poll(() => accountButton(owner).textContent()).toContain('Acme Academy · Owner');

    await accountButton(owner).click();
    const menu = owner.getByRole('menu', { name: 'Account' });
    expect(await menu.getByRole('menuitemradio', { name: /Acme Academy/ }).getAttribute('aria-checked')).toBe('true');
    await menu.getByRole('menuitemradio', { name: /Acme Hiring/ }).click();
    await owner.getByRole('link', { name: 'Platform Engineer' }).waitFor();
    await expect.poll(() => accountButton(owner).textContent()).toContain('Acme Hiring · Owner');
  });

  test('signing out ends the session: the app asks to sign in again', async ({ app, reviewer }) => {
    await accountButton(reviewer).click();
    await reviewer.getByRole('menu', { name: 'Account' }).waitFor();
    await saveScreenshot(reviewer, 'accounts-menu');
    await reviewer.getByRole('menuitem', { name: 'Sign out' }).click();
    await reviewer.getByRole('heading', { name: 'Sign in to Stageflow' }).waitFor();

    await reviewer.goto(`${app.url}/settings/members`);
    await reviewer.getByRole('heading', { name: 'Sign in to Stageflow' }).waitFor();
    expect(new URL(reviewer.url()).searchParams.get('next')).toBe('/settings/members');
    const me = await reviewer.evaluate(async () => (await fetch('/trpc/account.me')).status);
    expect(me).toBe(401);
  });

  test('no script errors in either browser', ({ pageErrors }) => {
    expect(pageErrors).toEqual([]);
  });
});
