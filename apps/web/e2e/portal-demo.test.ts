// The demo participant's portal, as a newcomer meets it (docs/architecture.md#demo-data): the server's
// start prints a link to Rosa Jiménez's portal; opened on a phone-sized screen it continues into her
// portal, where she starts her written assessment herself. No page reports a CSP violation.
import { describe, expect } from 'vitest';
import { test } from './fixtures.ts';
import { saveScreenshot } from './harness.ts';
import { enterPortal, expectPhoneFriendly } from './portal.ts';

describe('the demo portal link the start prints', () => {
  test('opens Rosa’s portal at 390 px; she starts her written assessment', async ({ app, browser }) => {
    const printed = /Open Rosa Jiménez's participant portal \(demo\): (\S+)/.exec(app.logs())?.[1];
    expect(printed).toMatch(new RegExp(`^${app.url}/p/sfp_`));

    const { phone, context, refusals } = await enterPortal(browser, printed!, 'Rosa Jiménez');
    expect(await phone.getByText('Customer Support Onboarding').isVisible()).toBe(true);
    await saveScreenshot(phone, 'portal-demo-ready');

    await phone.getByRole('button', { name: 'Start now' }).click();
    await phone.getByText('Your session for this stage is under way.').waitFor();
    expect(await phone.getByRole('button', { name: 'Start now' }).count()).toBe(0);
    await expectPhoneFriendly(phone);
    await saveScreenshot(phone, 'portal-demo-started');
    expect(refusals).toEqual([]);
    await context.close();
  });
});
