import { zodResolver } from '@hookform/resolvers/zod';
import {
  aiStageNotice,
  DEFAULT_PORTAL_NOTICE_SETTINGS,
  NOTICE_RETENTION_DAYS_MAX,
  type PortalNoticeSettings,
  portalCopy,
  portalNoticeSettings,
  UpdatePortalNoticeInput,
} from '@stageflow/domain';
import { useForm } from 'react-hook-form';
import { toast } from 'sonner';
import type { z } from 'zod';
import { trpc } from '../../app/trpc.ts';
import { useServerError } from '../../app/use-server-error.ts';
import { formatDateTime } from '../../lib/format.ts';
import { numberOrNull } from '../../lib/input-values.ts';
import { Button } from '../../ui/Button.tsx';
import { Field } from '../../ui/Field.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryGate } from '../../ui/QueryGate.tsx';
import { useAccount, useCan } from '../account/use-account.ts';

type Values = z.input<typeof UpdatePortalNoticeInput>;

const toValues = (s: PortalNoticeSettings): Values => ({
  organization: s.organization ?? '',
  contact: s.contact ?? '',
  transcript_retention_days: s.transcript_retention_days,
});

/**
 * Settings → Portal notice: what every AI notice says before an AI-run stage
 * (docs/rules.md#consent-to-an-ai-run-stage): who runs the evaluation, whom to contact, and how long
 * transcripts are kept. Admins and owners save it; everyone else reads it.
 */
export default function PortalNoticePage() {
  const query = trpc.portalNotice.get.useQuery({});
  return (
    <>
      <PageHeader
        title="Portal notice"
        description="Before an AI interview, role-play or practice session, each participant reads a notice: that an AI runs the stage, what it looks at, how long it takes, who decides, and how to ask for a person instead. These parts of it are yours to word."
      />
      <QueryGate query={query} loading="Loading the notice settings">
        {(settings) => <NoticeForm key={settings.updated_at ?? 'unset'} settings={settings} />}
      </QueryGate>
    </>
  );
}

function NoticeForm({ settings }: { settings: PortalNoticeSettings }) {
  const canEdit = useCan('admin');
  const { active_workspace } = useAccount();
  const utils = trpc.useUtils();
  const showError = useServerError();
  const form = useForm<Values>({ resolver: zodResolver(UpdatePortalNoticeInput), defaultValues: toValues(settings) });
  const {
    register,
    formState: { errors },
  } = form;
  const save = trpc.portalNotice.update.useMutation({
    onSuccess: async (saved) => {
      utils.portalNotice.get.setData({}, saved);
      toast.success('Notice settings saved');
    },
    onError: (error) => showError(error, form),
  });
  const preview = notePreview(form.watch(), active_workspace?.name ?? 'Your workspace');

  return (
    <form noValidate className="editor" onSubmit={form.handleSubmit((values) => save.mutate(values))}>
      <div className="card stack-md">
        <fieldset className="fieldset stack-md" disabled={!canEdit}>
          <legend className="visually-hidden">Notice settings</legend>
          <Field
            label="Organisation"
            optional
            error={errors.organization?.message}
            hint={`Who runs the evaluation, as participants know you. Empty: “${active_workspace?.name ?? 'the workspace name'}”.`}
          >
            {(p) => <input {...p} autoComplete="organization" {...register('organization')} />}
          </Field>
          <Field
            label="Contact"
            optional
            error={errors.contact?.message}
            hint="How to reach a person: for questions, or to ask for a person to run a stage. Empty: reply to the message the link came in."
          >
            {(p) => <textarea {...p} rows={2} {...register('contact')} />}
          </Field>
          <Field
            label="Transcript kept for (days)"
            optional
            error={errors.transcript_retention_days?.message}
            hint={`1 to ${NOTICE_RETENTION_DAYS_MAX}. Empty: the notice says transcripts are kept only as long as needed to decide.`}
          >
            {(p) => (
              <input
                {...p}
                type="number"
                inputMode="numeric"
                min={1}
                max={NOTICE_RETENTION_DAYS_MAX}
                {...register('transcript_retention_days', { setValueAs: numberOrNull })}
              />
            )}
          </Field>
        </fieldset>
        <section aria-labelledby="notice-preview" className="notice-preview">
          <h2 id="notice-preview" className="section-title">
            What participants read
          </h2>
          <ul>
            <li>{preview.retention}</li>
            <li>{preview.alternative}</li>
            <li>{preview.contact}</li>
          </ul>
        </section>
      </div>
      <div className="editor-footer">
        <span className="muted">
          {settings.updated_at
            ? `Last saved ${formatDateTime(settings.updated_at)}`
            : 'Not saved yet: the notice uses the general words.'}
        </span>
        {canEdit ? (
          <Button type="submit" variant="primary" pending={save.isPending}>
            Save notice settings
          </Button>
        ) : (
          <span className="muted">Only admins and owners change these.</span>
        )}
      </div>
    </form>
  );
}

/** The notice's own words for what the form holds now, so the preview is what participants will read. */
function notePreview(values: Values, workspaceName: string) {
  const parsed = UpdatePortalNoticeInput.safeParse(values);
  const settings = parsed.success
    ? portalNoticeSettings(parsed.data, { at: '', by: '' })
    : DEFAULT_PORTAL_NOTICE_SETTINGS;
  // In English, as the dashboard is; a template in another language gets the same notice in its words.
  return aiStageNotice(
    {
      stage: { stage_name: 'Phone Screen', stage_type: 'ai_interview', duration_minutes: 30 },
      rules: { automation_rule: 'require_reviewer_approval', auto_reject: false },
      interviewer: null,
      template: { template_name: 'your evaluation' },
      workspace: { name: workspaceName },
      settings,
    },
    portalCopy('en'),
  );
}
