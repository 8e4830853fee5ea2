import { useParams } from 'react-router';
import { trpc } from '../../app/trpc.ts';
import { plural } from '../../lib/format.ts';
import { STATUS_LABELS, USE_CASE_LABELS } from '../../lib/labels.ts';
import { StatusBadge } from '../../ui/Badge.tsx';
import { LinkButton } from '../../ui/Button.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryGate } from '../../ui/QueryGate.tsx';
import { useCan } from '../account/use-account.ts';
import { StagesSection } from '../stages/StagesSection.tsx';
import { ReadinessBadge } from './ReadinessBadge.tsx';
import { TemplateActions } from './TemplateActions.tsx';
import { TemplateNotFound } from './TemplateNotFound.tsx';
import { TemplateOverview } from './TemplateOverview.tsx';

export default function TemplatePage() {
  const { templateId = '' } = useParams();
  const query = trpc.templates.byId.useQuery({ id: templateId });
  const canEdit = useCan('admin');
  // The same query as the stages section's banner: one request, and the header says what it found.
  const validation = trpc.stages.validate.useQuery({ evaluation_template_id: templateId });
  const problems = validation.data?.problems.filter((p) => p.blocking).length ?? 0;

  return (
    <QueryGate query={query} loading="Loading template" notFound={<TemplateNotFound />}>
      {({ stages, ...template }) => (
        <>
          <PageHeader
            title={template.template_name}
            meta={
              <>
                <StatusBadge status={template.status} label={STATUS_LABELS[template.status]} />
                <ReadinessBadge status={template.status} problems={problems} />
              </>
            }
            description={`${USE_CASE_LABELS[template.use_case]} · ${plural(stages.length, 'stage')}`}
            actions={
              <>
                <LinkButton to={`/templates/${template.id}/board`}>Participants board</LinkButton>
                {canEdit && <TemplateActions template={template} />}
              </>
            }
          />
          <div className="stack-lg">
            <StagesSection template={template} stages={stages} readOnly={!canEdit} />
            <TemplateOverview template={template} />
          </div>
        </>
      )}
    </QueryGate>
  );
}
