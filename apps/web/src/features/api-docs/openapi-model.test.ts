import { describe, expect, test } from 'vitest';
import {
  curlFor,
  fieldsOf,
  notesOf,
  type OpenApiDocument,
  operationsOf,
  sampleOf,
  schemasOf,
  typeLabel,
  webhooksOf,
} from './openapi-model.ts';

const uuid = { type: 'string', format: 'uuid' };
const doc: OpenApiDocument = {
  openapi: '3.1.0',
  info: { title: 'Stageflow', version: '1.0.0' },
  servers: [{ url: '/api/v1' }],
  tags: [{ name: 'Evaluation stages' }, { name: 'Sessions' }, { name: 'Unused' }],
  paths: {
    '/evaluation-stages': {
      post: {
        operationId: 'stages-create',
        summary: 'Add a stage to a template',
        tags: ['Evaluation stages'],
        'x-required-scope': 'evaluation_stages.write',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['evaluation_template_id', 'type'],
                properties: {
                  evaluation_template_id: uuid,
                  type: { type: 'string', minLength: 1, maxLength: 64 },
                  stage_type: { type: 'string', enum: ['ai_interview', 'final_review'] },
                  pass_threshold: { anyOf: [{ type: 'number', minimum: 0, maximum: 100 }, { type: 'null' }] },
                  duration_minutes: { type: 'integer', minimum: 5, maximum: 240, default: 30 },
                },
              },
              example: { evaluation_template_id: 'e1', type: 'technical' },
            },
          },
        },
        responses: {
          '200': {
            description: 'Successful response',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/PipelineResult' } } },
          },
          '400': {
            description: 'The input is invalid',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
          },
        },
      },
      get: {
        summary: "List a template's stages",
        tags: ['Evaluation stages'],
        parameters: [
          { name: 'evaluation_template_id', in: 'query', required: true, schema: uuid },
          { name: 'include_archived', in: 'query', schema: { type: 'boolean', default: false } },
        ],
        responses: {
          '200': {
            description: 'ok',
            content: {
              'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Stage' } } },
            },
          },
        },
      },
    },
    '/sessions/{session_id}/complete': {
      post: {
        summary: 'Complete a session',
        tags: ['Sessions'],
        parameters: [{ name: 'session_id', in: 'path', required: true, schema: uuid }],
        requestBody: {
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  dimension_scores: {
                    type: 'array',
                    minItems: 1,
                    items: {
                      type: 'object',
                      required: ['name', 'score'],
                      properties: { name: { type: 'string' }, score: { type: 'number', minimum: 0 } },
                    },
                  },
                },
              },
            },
          },
        },
        responses: { '200': { description: 'ok' } },
      },
    },
  },
  components: {
    schemas: {
      PipelineResult: {
        type: 'object',
        required: ['version', 'stages'],
        properties: {
          version: { type: 'number' },
          stages: { type: 'array', items: { $ref: '#/components/schemas/Stage' } },
        },
      },
      Stage: { type: 'object', properties: { id: uuid } },
      Error: { type: 'object', properties: { error: { type: 'string' } } },
    },
  },
};

describe('the API docs model', () => {
  test('types read as a person says them', () => {
    expect(typeLabel(uuid)).toBe('string (uuid)');
    expect(typeLabel({ type: 'string', enum: ['a', 'b'] })).toBe('"a" | "b"');
    expect(typeLabel({ anyOf: [{ type: 'number' }, { type: 'null' }] })).toBe('number | null');
    expect(typeLabel({ type: 'array', items: { $ref: '#/components/schemas/Stage' } })).toBe('Stage[]');
    expect(typeLabel({ type: 'array', items: { type: 'string', enum: ['a', 'b'] } })).toBe('("a" | "b")[]');
  });

  test('limits read as ranges; unbounded integers say nothing', () => {
    expect(notesOf({ type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER })).toEqual(['≥ 0']);
    expect(notesOf({ type: 'integer', minimum: 1, maximum: 10, default: 3 })).toEqual(['1–10', 'default 3']);
    expect(notesOf({ type: 'string', minLength: 1, maxLength: 120 })).toEqual(['1–120 characters']);
    expect(notesOf({ type: 'array', maxItems: 500 })).toEqual(['≤ 500 items']);
  });

  test('operations are grouped by tag in the document order, empty tags left out', () => {
    const groups = operationsOf(doc, 'https://stageflow.example');
    expect(groups.map((g) => g.tag)).toEqual(['Evaluation stages', 'Sessions']);
    expect(groups[0]!.operations.map((o) => `${o.method} ${o.path}`)).toEqual([
      'get /evaluation-stages',
      'post /evaluation-stages',
    ]);
    const create = groups[0]!.operations[1]!;
    expect(create.scope).toBe('evaluation_stages.write');
    expect(create.responses).toEqual([
      { status: '200', description: 'Successful response', schemaName: 'PipelineResult' },
      { status: '400', description: 'The input is invalid', schemaName: 'Error' },
    ]);
  });

  test('body fields carry their type, whether required, limits and defaults; nested arrays are flattened', () => {
    const [stages, sessions] = operationsOf(doc, '');
    expect(stages!.operations[1]!.body).toEqual([
      { name: 'evaluation_template_id', type: 'string (uuid)', required: true, notes: [], depth: 0 },
      { name: 'type', type: 'string', required: true, notes: ['1–64 characters'], depth: 0 },
      { name: 'stage_type', type: '"ai_interview" | "final_review"', required: false, notes: [], depth: 0 },
      { name: 'pass_threshold', type: 'number | null', required: false, notes: ['0–100'], depth: 0 },
      { name: 'duration_minutes', type: 'integer', required: false, notes: ['5–240', 'default 30'], depth: 0 },
    ]);
    expect(sessions!.operations[0]!.body.map((f) => [f.name, f.type, f.required])).toEqual([
      ['dimension_scores', 'object[]', false],
      ['dimension_scores[].name', 'string', true],
      ['dimension_scores[].score', 'number', true],
    ]);
  });

  test('curl uses the API key variable, the example body and shell variables for ids', () => {
    const [stages, sessions] = operationsOf(doc, 'https://stageflow.example');
    expect(stages!.operations[1]!.curl).toBe(
      [
        'curl -X POST "https://stageflow.example/api/v1/evaluation-stages"',
        '-H "x-api-key: $STAGEFLOW_API_KEY"',
        '-H "content-type: application/json"',
        `-d '{\n  "evaluation_template_id": "e1",\n  "type": "technical"\n}'`,
      ].join(' \\\n  '),
    );
    expect(stages!.operations[0]!.curl).toBe(
      'curl "https://stageflow.example/api/v1/evaluation-stages?evaluation_template_id=$EVALUATION_TEMPLATE_ID" \\\n  -H "x-api-key: $STAGEFLOW_API_KEY"',
    );
    expect(sessions!.operations[0]!.curl).toContain('/api/v1/sessions/$SESSION_ID/complete"');
    // Without an example, the body is built from the schema: one item where at least one is required.
    expect(sessions!.operations[0]!.curl).toContain(`-d '{}'`);
  });

  test("a path with its own server and a bearer scheme: curl goes to the full path with the portal's token", () => {
    const item = {
      servers: [{ url: '/' }],
      post: {
        summary: 'Say you are done with a session under way',
        tags: ['Participant portal'],
        security: [{ PortalToken: [] }, { PortalCookie: [] }],
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'ok' } },
      },
    } as unknown as OpenApiDocument['paths'][string];
    const portal: OpenApiDocument = {
      ...doc,
      tags: [{ name: 'Participant portal' }],
      paths: { ...doc.paths, '/api/portal/v1/sessions/{id}/finish': item },
      components: {
        ...doc.components,
        securitySchemes: {
          ApiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
          PortalToken: { type: 'http', scheme: 'bearer' },
          PortalCookie: { type: 'apiKey', in: 'cookie', name: 'stageflow.portal' },
        },
      },
    };
    const [group] = operationsOf(portal, 'https://stageflow.example');
    expect(group!.tag).toBe('Participant portal');
    expect(group!.operations[0]!.curl).toBe(
      [
        'curl -X POST "https://stageflow.example/api/portal/v1/sessions/$ID/finish"',
        '-H "Authorization: Bearer $PORTAL_TOKEN"',
      ].join(' \\\n  '),
    );
    // The staff routes beside it keep their base and the API key.
    const staff = operationsOf(portal, 'https://stageflow.example').find((g) => g.tag === 'Sessions');
    expect(staff!.operations[0]!.curl).toContain('"https://stageflow.example/api/v1/sessions/$SESSION_ID/complete"');
    expect(staff!.operations[0]!.curl).toContain('-H "x-api-key: $STAGEFLOW_API_KEY"');
  });

  test('samples follow the schema', () => {
    const schema =
      doc.paths['/sessions/{session_id}/complete']!.post!.requestBody!.content!['application/json']!.schema!;
    expect(sampleOf(doc, { ...schema, required: ['dimension_scores'] })).toEqual({
      dimension_scores: [{ name: 'text', score: 0 }],
    });
    expect(curlFor('', '/api/v1', 'post', '/x', [], { note: "it's" })).toContain(`'{\n  "note": "it'\\''s"\n}'`);
  });

  test('named schemas list their fields, nested references by name', () => {
    expect(schemasOf(doc).map((s) => s.name)).toEqual(['Error', 'PipelineResult', 'Stage']);
    expect(fieldsOf(doc, { $ref: '#/components/schemas/PipelineResult' }).map((f) => [f.name, f.type])).toEqual([
      ['version', 'number'],
      ['stages', 'Stage[]'],
    ]);
  });

  test('webhooks read as their type, headers, body fields and an example body', () => {
    const withHooks: OpenApiDocument = {
      ...doc,
      webhooks: {
        'stage.archived': {
          post: {
            description: 'A stage was archived.',
            parameters: [{ name: 'webhook-id', in: 'header', required: true, schema: { type: 'string' } }],
            requestBody: {
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['type', 'data'],
                    properties: {
                      type: { type: 'string', const: 'stage.archived' },
                      data: {
                        type: 'object',
                        required: ['stage'],
                        properties: { stage: { $ref: '#/components/schemas/Stage' } },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    };
    const [hook] = webhooksOf(withHooks);
    expect(hook).toMatchObject({ type: 'stage.archived', description: 'A stage was archived.' });
    expect(hook!.headers.map((h) => [h.name, h.in, h.required])).toEqual([['webhook-id', 'header', true]]);
    expect(hook!.body.map((f) => f.name)).toEqual(expect.arrayContaining(['type', 'data', 'data.stage']));
    expect(JSON.parse(hook!.example)).toMatchObject({ type: 'stage.archived' });
    expect(webhooksOf(doc)).toEqual([]);
  });
});
