// A template's `portal_shows_recommendation` (docs/entities.md#evaluation-template): off unless set, kept by create,
// update and duplicate over tRPC and REST, in the OpenAPI document, and a field-named 400 for anything not a boolean.
import { describe, expect, test } from 'vitest';
import { expectTRPCError, setupApi } from '../testing.ts';
import { restApp } from './rest-testing.ts';

const BASE = { template_name: 'Senior Backend Engineer', use_case: 'hiring' } as const;
const NOT_BOOLEANS = ['yes', 1, null, 'true'];

describe('portal_shows_recommendation over tRPC', () => {
  test('off by default; create, update and duplicate keep it; the list and byId read it', async () => {
    const { api } = setupApi();
    expect((await api.templates.create(BASE)).portal_shows_recommendation).toBe(false);
    const on = await api.templates.create({ ...BASE, template_name: 'Admissions', portal_shows_recommendation: true });
    expect(on.portal_shows_recommendation).toBe(true);
    expect((await api.templates.byId({ id: on.id })).portal_shows_recommendation).toBe(true);
    expect((await api.templates.duplicate({ id: on.id })).portal_shows_recommendation).toBe(true);

    const off = await api.templates.update({ id: on.id, portal_shows_recommendation: false });
    expect(off.portal_shows_recommendation).toBe(false);
    // An update that leaves it out leaves it as it was.
    await api.templates.update({ id: on.id, portal_shows_recommendation: true });
    expect((await api.templates.update({ id: on.id, level: 'Senior' })).portal_shows_recommendation).toBe(true);
    const listed = await api.templates.list({ search: 'Admissions' });
    const byName = listed.map((t) => [t.template_name, t.portal_shows_recommendation] as const);
    expect(byName.sort(([a], [b]) => a.localeCompare(b))).toEqual([
      ['Admissions', true],
      ['Admissions (copy)', true],
    ]);
  });

  test.each(NOT_BOOLEANS)(
    '%j is a BAD_REQUEST naming the field, on create and update, and nothing changes',
    async (value) => {
      const { api } = setupApi();
      await expectTRPCError(
        api.templates.create({ ...BASE, portal_shows_recommendation: value as unknown as boolean }),
        'BAD_REQUEST',
        { issuePath: ['portal_shows_recommendation'] },
      );
      expect(await api.templates.list({})).toEqual([]);
      const template = await api.templates.create(BASE);
      await expectTRPCError(
        api.templates.update({ id: template.id, portal_shows_recommendation: value as unknown as boolean }),
        'BAD_REQUEST',
        { issuePath: ['portal_shows_recommendation'] },
      );
      expect((await api.templates.byId({ id: template.id })).portal_shows_recommendation).toBe(false);
    },
  );
});

describe('portal_shows_recommendation over REST', () => {
  test('POST, PATCH and GET /evaluation-templates round trip it', async () => {
    const { call } = restApp();
    const created = await call('POST', '/evaluation-templates', BASE);
    expect(created.status).toBe(200);
    expect(created.body.portal_shows_recommendation).toBe(false);
    const id = created.body.id;
    const patched = await call('PATCH', `/evaluation-templates/${id}`, { portal_shows_recommendation: true });
    expect(patched.status).toBe(200);
    expect(patched.body.portal_shows_recommendation).toBe(true);
    expect((await call('GET', `/evaluation-templates/${id}`)).body.portal_shows_recommendation).toBe(true);
    const on = await call('POST', '/evaluation-templates', {
      ...BASE,
      template_name: 'Admissions',
      portal_shows_recommendation: true,
    });
    expect(on.body.portal_shows_recommendation).toBe(true);
  });

  test.each(NOT_BOOLEANS)('%j is a 400 naming the field, and nothing is saved', async (value) => {
    const { call } = restApp();
    const refused = await call('POST', '/evaluation-templates', { ...BASE, portal_shows_recommendation: value });
    expect(refused.status).toBe(400);
    expect(refused.body.issues.map((i: { path: unknown[] }) => i.path)).toEqual([['portal_shows_recommendation']]);
    expect((await call('GET', '/evaluation-templates')).body).toEqual([]);

    const { body: template } = await call('POST', '/evaluation-templates', BASE);
    const patch = await call('PATCH', `/evaluation-templates/${template.id}`, { portal_shows_recommendation: value });
    expect(patch.status).toBe(400);
    expect(patch.body.issues.map((i: { path: unknown[] }) => i.path)).toEqual([['portal_shows_recommendation']]);
    expect((await call('GET', `/evaluation-templates/${template.id}`)).body.portal_shows_recommendation).toBe(false);
  });

  test('the OpenAPI document has it on the create and update bodies and on the template', async () => {
    const t = restApp();
    // biome-ignore lint/suspicious/noExplicitAny: the document is read by its OpenAPI shape
    const doc = (await (await t.app.request('/api/v1/openapi.json')).json()) as any;
    const body = (method: string, path: string) =>
      doc.paths[path][method].requestBody.content['application/json'].schema.properties;
    expect(body('post', '/evaluation-templates').portal_shows_recommendation).toMatchObject({
      type: 'boolean',
      default: false,
    });
    expect(body('patch', '/evaluation-templates/{id}').portal_shows_recommendation).toMatchObject({ type: 'boolean' });
    const template = doc.components.schemas.EvaluationTemplate;
    expect(template.properties.portal_shows_recommendation).toEqual({ type: 'boolean' });
    expect(template.required).toContain('portal_shows_recommendation');
  });
});
