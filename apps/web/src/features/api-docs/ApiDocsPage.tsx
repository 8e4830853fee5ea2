import { useQuery } from '@tanstack/react-query';
import { Fragment, type ReactNode, useEffect, useMemo } from 'react';
import { Link } from 'react-router';
import { toast } from 'sonner';
import { Badge } from '../../ui/Badge.tsx';
import { Button, buttonClass } from '../../ui/Button.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryGate } from '../../ui/QueryGate.tsx';
import './api-docs.css';
import {
  anchor,
  type Field,
  type OpenApiDocument,
  type OperationView,
  operationsOf,
  type Parameter,
  type SchemaView,
  schemasOf,
  type WebhookView,
  webhooksOf,
} from './openapi-model.ts';

export const OPENAPI_URL = '/api/v1/openapi.json';

async function fetchDocument(): Promise<OpenApiDocument> {
  const res = await fetch(OPENAPI_URL, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`The API description did not load (HTTP ${res.status})`);
  return (await res.json()) as OpenApiDocument;
}

/** `code` in the server's descriptions, shown as code. */
function Inline({ text }: { text: string }) {
  return <>{text.split('`').map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part))}</>;
}

function Prose({ text }: { text: string }) {
  return (
    <>
      {text.split('\n\n').map((paragraph, i) => (
        <p key={i} className="api-prose">
          <Inline text={paragraph} />
        </p>
      ))}
    </>
  );
}

function MethodBadge({ method }: { method: string }) {
  return <span className={`api-method api-method-${method}`}>{method.toUpperCase()}</span>;
}

async function copy(text: string) {
  try {
    await navigator.clipboard.writeText(text);
    toast.success('Copied to the clipboard');
  } catch {
    toast.info('Select the command and press Ctrl+C (⌘C) to copy');
  }
}

function FieldsTable({
  caption,
  fields,
  showIn = false,
}: {
  caption: string;
  fields: (Field | Parameter)[];
  showIn?: boolean;
}) {
  return (
    <DataTable
      rows={fields}
      caption={caption}
      className="api-fields"
      rowKey={(f) => `${'in' in f ? f.in : ''}${f.name}`}
      columns={[
        {
          header: 'Name',
          cell: (f) => (
            <>
              <code className="api-field-name" style={{ paddingLeft: `${f.depth * 16}px` }}>
                {f.name}
              </code>
              {f.required && <span className="api-required">required</span>}
            </>
          ),
        },
        showIn && { header: 'In', cell: (f) => ('in' in f ? f.in : '') },
        { header: 'Type', cell: (f) => <code className="api-type">{f.type}</code> },
        {
          header: 'Notes',
          className: 'api-notes',
          cell: (f) =>
            [...f.notes, ...(f.description ? [f.description] : [])].map((note, i) => (
              <Fragment key={i}>
                {i > 0 && <br />}
                {note}
              </Fragment>
            )),
        },
      ]}
    />
  );
}

function Subsection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="api-subsection">
      <h4 className="api-subsection-title">{title}</h4>
      {children}
    </div>
  );
}

function Operation({ op }: { op: OperationView }) {
  return (
    <details className="api-op" id={anchor('op', op.id)}>
      <summary className="api-op-summary">
        <MethodBadge method={op.method} />
        <code className="api-path">{op.path}</code>
        <span className="api-op-title">{op.summary}</span>
      </summary>
      <div className="api-op-body">
        {op.description && <Prose text={op.description} />}
        {op.parameters.length > 0 && (
          <Subsection title="Parameters">
            <FieldsTable caption={`Parameters of ${op.method} ${op.path}`} fields={op.parameters} showIn />
          </Subsection>
        )}
        {op.body.length > 0 && (
          <Subsection title={`Request body (JSON${op.bodyRequired ? '' : ', optional'})`}>
            <FieldsTable caption={`Body of ${op.method} ${op.path}`} fields={op.body} />
          </Subsection>
        )}
        <Subsection title="Responses">
          <ul className="api-responses">
            {op.responses.map((r) => (
              <li key={r.status}>
                <Badge tone={r.status.startsWith('2') ? 'success' : 'neutral'}>{r.status}</Badge>{' '}
                {r.schemaName ? (
                  <a href={`#${anchor('schema', r.schemaName)}`}>
                    <code>{r.schemaName}</code>
                  </a>
                ) : (
                  r.type && <code>{r.type}</code>
                )}{' '}
                {!r.status.startsWith('2') && (
                  <span className="api-response-text">
                    <Inline text={r.description} />
                  </span>
                )}
              </li>
            ))}
          </ul>
        </Subsection>
        <Subsection title="Example">
          <pre className="code-block api-curl">
            <code>{op.curl}</code>
          </pre>
          <Button size="sm" onClick={() => void copy(op.curl)}>
            Copy curl
          </Button>
        </Subsection>
      </div>
    </details>
  );
}

/** A webhook Stageflow sends: what it means, its headers and body, an example. */
function WebhookEvent({ hook }: { hook: WebhookView }) {
  return (
    <details className="api-op" id={anchor('op', `webhook-${hook.type}`)}>
      <summary className="api-op-summary">
        <MethodBadge method="post" />
        <code className="api-path">{hook.type}</code>
      </summary>
      <div className="api-op-body">
        {hook.description && <Prose text={hook.description} />}
        <Subsection title="Headers">
          <FieldsTable caption={`Headers of ${hook.type}`} fields={hook.headers} />
        </Subsection>
        <Subsection title="Body (JSON)">
          <FieldsTable caption={`Body of ${hook.type}`} fields={hook.body} />
        </Subsection>
        <Subsection title="Example">
          <pre className="code-block api-curl">
            <code>{hook.example}</code>
          </pre>
        </Subsection>
      </div>
    </details>
  );
}

function Schema({ schema }: { schema: SchemaView }) {
  return (
    <details className="api-op" id={anchor('schema', schema.name)}>
      <summary className="api-op-summary">
        <code className="api-path">{schema.name}</code>
      </summary>
      <div className="api-op-body">
        {schema.fields.length > 0 ? (
          <FieldsTable caption={`Fields of ${schema.name}`} fields={schema.fields} />
        ) : (
          <p className="api-prose">No named fields.</p>
        )}
      </div>
    </details>
  );
}

/** A link to a route or schema opens it: `#op-…` and `#schema-…` name closed `<details>`. */
function useOpenLinkedSection() {
  useEffect(() => {
    const open = () => {
      const id = decodeURIComponent(window.location.hash.slice(1));
      const target = id ? document.getElementById(id) : null;
      if (target instanceof HTMLDetailsElement) {
        target.open = true;
        target.scrollIntoView({ block: 'start' });
      }
    };
    open();
    window.addEventListener('hashchange', open);
    return () => window.removeEventListener('hashchange', open);
  }, []);
}

/**
 * Developer → API docs: the REST API as the server describes it (its OpenAPI document), grouped by
 * resource, each route with its parameters, body fields, responses and a curl command to copy.
 */
export default function ApiDocsPage() {
  const query = useQuery({ queryKey: ['api-docs', OPENAPI_URL], queryFn: fetchDocument, staleTime: Infinity });
  return (
    <>
      <PageHeader
        title="API docs"
        description="Every route of the REST API, with the fields it takes and what it answers."
        actions={
          <a className={buttonClass()} href={OPENAPI_URL} target="_blank" rel="noreferrer">
            OpenAPI JSON
          </a>
        }
      />
      <QueryGate query={query} loading="Loading the API description">
        {(spec) => <ApiReference spec={spec} />}
      </QueryGate>
    </>
  );
}

/** The participant portal's own API: who it is for, how it signs in, what it never carries. */
function PortalIntro({ origin }: { origin: string }) {
  const base = `${origin}/api/portal/v1`;
  const example = [
    'export PORTAL_TOKEN=sfp_…   # the end of the participant’s portal link, after /p/',
    `curl "${base}/me" -H "Authorization: Bearer $PORTAL_TOKEN"`,
    `curl -X POST "${base}/sessions" -H "Authorization: Bearer $PORTAL_TOKEN" \\`,
    `  -H "Idempotency-Key: start-1" -H "content-type: application/json" -d '{"timezone": "Europe/Paris"}'`,
  ].join('\n');
  return (
    <section className="card api-intro" aria-labelledby="api-portal-start">
      <h2 id="api-portal-start" className="section-title">
        The participant portal’s API
      </h2>
      <p className="api-prose">
        Base URL <code>{base}</code>: a participant’s own API, for the pages their portal link opens and for programs
        acting for them. Send the link’s token (the end of the link, after <code>/p/</code>) as{' '}
        <code>Authorization: Bearer …</code>, or the <code>stageflow.portal</code> cookie the link’s Continue button
        sets. Either reaches that one participant only; API keys and staff sessions never reach it, and a revoked,
        replaced or expired link is a 401.
      </p>
      <p className="api-prose">
        It never carries a score, a reviewer’s note, a decision or its suggestion, or an internal id other than a
        session’s own. Refusals answer <code>{'{ "error": "…" }'}</code> in the participant’s words (400, 401, 404, 409,
        429). Each link may make 120 requests a minute and each address 600; past that, a 429 with{' '}
        <code>Retry-After</code>. <code>POST /sessions</code> takes an <code>Idempotency-Key</code>: a retry with the
        same key and body answers the first session. Its routes are under{' '}
        <a href={`#${anchor('tag', 'Participant portal')}`}>Participant portal</a>.
      </p>
      <pre className="code-block api-curl">
        <code>{example}</code>
      </pre>
    </section>
  );
}

/** The document, read: an index of resources, then each one's routes, then the schemas they answer with. */
function ApiReference({ spec }: { spec: OpenApiDocument }) {
  const view = useMemo(
    () => ({
      groups: operationsOf(spec, window.location.origin),
      schemas: schemasOf(spec),
      webhooks: webhooksOf(spec),
    }),
    [spec],
  );
  useOpenLinkedSection();
  const base = `${window.location.origin}${spec.servers?.[0]?.url ?? '/api/v1'}`;

  return (
    <div className="api-docs">
      <nav className="api-index" aria-label="API sections">
        <ul>
          {view.groups.map((g) => (
            <li key={g.tag}>
              <a href={`#${anchor('tag', g.tag)}`}>{g.tag}</a>
            </li>
          ))}
          {view.webhooks.length > 0 && (
            <li>
              <a href="#api-webhook-events">Webhook events</a>
            </li>
          )}
          <li>
            <a href="#api-schemas">Schemas</a>
          </li>
        </ul>
      </nav>
      <div className="api-content">
        <section className="card api-intro" aria-labelledby="api-start">
          <h2 id="api-start" className="section-title">
            Getting started
          </h2>
          <p className="api-prose">
            Base URL <code>{base}</code>. Send a key in the <code>x-api-key</code> header; create one on{' '}
            <Link to="/developer/api-keys">Developer → API keys</Link> with the scopes your program needs (each route
            names its scope). Bodies are JSON in snake_case.
          </p>
          <pre className="code-block api-curl">
            <code>{`export STAGEFLOW_API_KEY=sf_live_…\ncurl "${base}/evaluation-templates" -H "x-api-key: $STAGEFLOW_API_KEY"`}</code>
          </pre>
          <p className="api-prose">
            Errors answer <code>{'{ "error": "…", "issues": [{ "path": [...], "message": "…" }] }'}</code> with 400,
            401, 403, 404, 409, 412 or 429. Send an <code>Idempotency-Key</code> header when you create participants,
            schedule sessions or decide decisions: a retry returns the first answer.
          </p>
        </section>
        <PortalIntro origin={window.location.origin} />
        {view.groups.map((g) => (
          <section key={g.tag} className="api-group" aria-labelledby={anchor('tag', g.tag)}>
            <h2 id={anchor('tag', g.tag)} className="section-title">
              {g.tag}
            </h2>
            {g.operations.map((op) => (
              <Operation key={op.id} op={op} />
            ))}
          </section>
        ))}
        {view.webhooks.length > 0 && (
          <section className="api-group" aria-labelledby="api-webhook-events">
            <h2 id="api-webhook-events" className="section-title">
              Webhook events
            </h2>
            <p className="api-prose">
              What Stageflow POSTs to the endpoints on <Link to="/developer/webhooks">Developer → Webhooks</Link>,
              signed per the Standard Webhooks specification: verify the signature with the endpoint’s secret, and use{' '}
              <code>webhook-id</code> to process each message once.
            </p>
            {view.webhooks.map((hook) => (
              <WebhookEvent key={hook.type} hook={hook} />
            ))}
          </section>
        )}
        <section className="api-group" aria-labelledby="api-schemas">
          <h2 id="api-schemas" className="section-title">
            Schemas
          </h2>
          {view.schemas.map((s) => (
            <Schema key={s.name} schema={s} />
          ))}
        </section>
      </div>
    </div>
  );
}
