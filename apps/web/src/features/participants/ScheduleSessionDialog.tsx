import { zodResolver } from '@hookform/resolvers/zod';
import { RescheduleSessionInput, ScheduleSessionInput } from '@stageflow/domain';
import { useForm } from 'react-hook-form';
import { toast } from 'sonner';
import { trpc } from '../../app/trpc.ts';
import { useServerError } from '../../app/use-server-error.ts';
import { formatDateTime } from '../../lib/format.ts';
import { Dialog, DialogForm } from '../../ui/Dialog.tsx';
import { SessionTimeFields } from './SessionTimeFields.tsx';
import { useRefreshParticipants } from './use-participant-data.ts';

export interface ScheduleTarget {
  participantId: string;
  participantName: string;
  stageId: string;
  stageName: string;
  /** The earliest time the rules allow (a retake cool-down), if later than now. */
  notBefore: string | null;
  /** Moving a scheduled session rather than scheduling a new one. */
  reschedule?: { sessionId: string; scheduledAt: string; timezone: string; notes: string | null } | undefined;
}

/** The next whole hour (or the cool-down's end, when later). */
function suggestedStart(notBefore: string | null) {
  const next = new Date();
  next.setMinutes(60, 0, 0);
  const earliest = notBefore ? Date.parse(notBefore) : 0;
  return new Date(Math.max(next.getTime(), earliest)).toISOString();
}

const browserTimeZone = () => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
};

export function ScheduleSessionDialog({ target, onClose }: { target: ScheduleTarget | null; onClose: () => void }) {
  return (
    <Dialog
      open={target !== null}
      onClose={onClose}
      title={target?.reschedule ? 'Reschedule the session' : 'Schedule a session'}
      description={target && `${target.participantName} at ${target.stageName}.`}
    >
      {target?.reschedule ? (
        <RescheduleForm target={target} session={target.reschedule} onClose={onClose} />
      ) : (
        target && <ScheduleForm target={target} onClose={onClose} />
      )}
    </Dialog>
  );
}

function ScheduleForm({ target, onClose }: { target: ScheduleTarget; onClose: () => void }) {
  const refresh = useRefreshParticipants();
  const showError = useServerError();
  const form = useForm<ScheduleSessionInput>({
    resolver: zodResolver(ScheduleSessionInput),
    defaultValues: {
      participant_id: target.participantId,
      stage_id: target.stageId,
      scheduled_at: suggestedStart(target.notBefore),
      timezone: browserTimeZone(),
      notes: '',
    },
  });
  const schedule = trpc.sessions.schedule.useMutation({
    onSuccess: async ({ session }) => {
      toast.success(`Session scheduled for ${formatDateTime(session.scheduled_at)}`);
      onClose();
      await refresh();
    },
    onError: (error) => showError(error, form),
  });

  return (
    <DialogForm
      onSubmit={form.handleSubmit((values) => schedule.mutate(values))}
      onCancel={onClose}
      submitLabel="Schedule session"
      pending={schedule.isPending}
    >
      <SessionTimeFields form={form} notBefore={target.notBefore} />
    </DialogForm>
  );
}

function RescheduleForm({
  target,
  session,
  onClose,
}: {
  target: ScheduleTarget;
  session: NonNullable<ScheduleTarget['reschedule']>;
  onClose: () => void;
}) {
  const refresh = useRefreshParticipants();
  const showError = useServerError();
  const form = useForm<RescheduleSessionInput>({
    resolver: zodResolver(RescheduleSessionInput),
    defaultValues: {
      session_id: session.sessionId,
      scheduled_at: session.scheduledAt,
      timezone: session.timezone,
      notes: session.notes ?? '',
    },
  });
  const reschedule = trpc.sessions.reschedule.useMutation({
    onSuccess: async ({ session: moved }) => {
      toast.success(`Session moved to ${formatDateTime(moved.scheduled_at)}`);
      onClose();
      await refresh();
    },
    onError: (error) => showError(error, form),
  });

  return (
    <DialogForm
      onSubmit={form.handleSubmit((values) => reschedule.mutate(values))}
      onCancel={onClose}
      submitLabel="Move the session"
      pending={reschedule.isPending}
    >
      <SessionTimeFields form={form} notBefore={target.notBefore} />
    </DialogForm>
  );
}
