// Export CSV on the participants list (docs/rules.md#csv-export): the file holds the list as filtered,
// each stage's state and score beside the person, and REST answers the same file to a signed-in browser.
import { readFile } from 'node:fs/promises';
import { describe, expect } from 'vitest';
import { test } from './fixtures.ts';

const BOM = '\uFEFF';
const rowsOf = (csv: string) => csv.replace(BOM, '').trimEnd().split('\r\n');

describe('participants as CSV', () => {
  test('Export CSV saves the filtered list with each stage’s state and score', async ({ app, page, pageErrors }) => {
    await page.goto(`${app.url}/participants`);
    await page.getByRole('table').waitFor();
    await page.getByRole('combobox', { name: 'Template' }).selectOption({ label: 'Senior Backend Engineer' });
    await page.getByRole('searchbox', { name: 'Search participants' }).fill('Raman');
    await expect.poll(() => page.locator('main tbody tr').count()).toBe(1);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^participants-senior-backend-engineer-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.startsWith(BOM)).toBe(true);
    const [header, ...rows] = rowsOf(csv);
    expect(header).toMatch(/^name,email,external_id,phone,tags,template,status,recommendation,current_stage,added_at,/);
    for (const stage of ['Phone Screen', 'Technical', 'Final']) {
      expect(header).toContain(`${stage}: state,${stage}: score`);
    }
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/^Priya Raman,[^,]+@example\.com,.*,Senior Backend Engineer,/);
    await page.getByText(/Saved 1 participant as participants-/).waitFor();
    expect(pageErrors).toEqual([]);
  });

  test('REST answers the same file to a signed-in browser', async ({ app, page }) => {
    const res = await page.request.get(`${app.url}/api/v1/participants/export.csv?search=Raman`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers()['content-disposition']).toMatch(/^attachment; filename="participants-/);
    const [, ...rows] = rowsOf((await res.body()).toString('utf8'));
    expect(rows.some((r) => r.startsWith('Priya Raman,'))).toBe(true);
  });
});
