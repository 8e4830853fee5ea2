// Toasts are read by everyone, so their words meet WCAG AA contrast (4.5:1) on their own background in
// every colour sonner gives them: success, error, warning and info.
import { expect } from 'vitest';
import { seriousAxeViolations } from './axe.ts';
import { test } from './fixtures.ts';

/** WCAG's contrast ratio of two `rgb(…)` colours as the browser computes them. */
function contrast(a: string, b: string): number {
  const luminance = (rgb: string) => {
    const [r, g, bl] = rgb
      .match(/\d+(\.\d+)?/g)!
      .slice(0, 3)
      .map(Number) as [number, number, number];
    const linear = (c: number) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(bl);
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

test('every kind of toast has its text at 4.5:1 or more, and a shown one passes axe', async ({ app, page }) => {
  await page.goto(`${app.url}/agent-profiles`);
  await page.getByRole('link', { name: 'Ada — Backend Interviewer' }).click();
  await page.getByRole('button', { name: 'Save profile' }).click();
  await page.getByText('Saved “Ada — Backend Interviewer”').waitFor();
  // Let sonner's entrance animation finish: axe reads colours as they are painted.
  await page.waitForFunction(() => {
    const toast = document.querySelector('[data-sonner-toast]');
    return toast !== null && getComputedStyle(toast).opacity === '1';
  });

  const colours = await page.locator('[data-sonner-toaster]').evaluate((toaster) => {
    const probe = document.createElement('span');
    toaster.appendChild(probe);
    const read = (kind: string) => {
      probe.style.color = `var(--${kind}-text)`;
      probe.style.backgroundColor = `var(--${kind}-bg)`;
      const style = getComputedStyle(probe);
      return { kind, text: style.color, background: style.backgroundColor };
    };
    const all = ['success', 'error', 'warning', 'info'].map(read);
    probe.remove();
    return all;
  });
  for (const { kind, text, background } of colours) {
    expect(contrast(text, background), `${kind}: ${text} on ${background}`).toBeGreaterThanOrEqual(4.5);
  }

  const findings = (await seriousAxeViolations(page)).filter((v) => v.id === 'color-contrast');
  expect(findings).toEqual([]);
});
