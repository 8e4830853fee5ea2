import type { MailPreferences } from '@stageflow/domain';
import { useId, useState } from 'react';
import { toast } from 'sonner';
import { trpc } from '../../app/trpc.ts';
import { useServerError } from '../../app/use-server-error.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryGate } from '../../ui/QueryGate.tsx';
import { Section } from '../../ui/Section.tsx';
import { useAccount } from '../account/use-account.ts';
import { useMailSetup } from '../mail/mail-setup.ts';

/**
 * Settings → Notifications: the member's own mail settings in this workspace
 * (docs/mail.md#the-review-digest). Each member decides for themselves; nobody sets them for another.
 */
export default function NotificationsPage() {
  const query = trpc.mail.preferences.useQuery({});
  return (
    <>
      <PageHeader
        title="Notifications"
        description="What Stageflow emails you about this workspace. Only you see and change these."
      />
      <QueryGate query={query} loading="Loading your notifications">
        {(preferences) => <DigestSetting preferences={preferences} />}
      </QueryGate>
    </>
  );
}

function DigestSetting({ preferences }: { preferences: MailPreferences }) {
  const id = useId();
  const { active_workspace, user } = useAccount();
  const mailSetUp = useMailSetup();
  const utils = trpc.useUtils();
  const showError = useServerError();
  // The box follows the click at once; a refusal puts it back.
  const [on, setOn] = useState(preferences.review_digest);
  const update = trpc.mail.updatePreferences.useMutation({
    onSuccess: (saved) => {
      utils.mail.preferences.setData({}, saved);
      setOn(saved.review_digest);
      toast.success(saved.review_digest ? 'Daily digest turned on' : 'Daily digest turned off');
    },
    onError: (error) => {
      setOn(preferences.review_digest);
      showError(error);
    },
  });
  const workspace = active_workspace?.name ?? 'this workspace';
  return (
    <Section
      title="Daily digest of open decisions"
      description={`Once a day, while decisions wait for a reviewer in ${workspace}, an email to ${user.email} lists them, the longest waiting first.`}
    >
      <div className="checkbox-field">
        <div className="checkbox-row">
          <input
            id={id}
            type="checkbox"
            checked={on}
            disabled={!preferences.can_receive_review_digest || update.isPending}
            aria-describedby={`${id}-hint`}
            onChange={(event) => {
              setOn(event.target.checked);
              update.mutate({ review_digest: event.target.checked });
            }}
          />
          <label htmlFor={id}>Email me the daily digest</label>
        </div>
        <p id={`${id}-hint`} className="field-hint">
          {!preferences.can_receive_review_digest
            ? 'The digest is for members who decide: reviewers, admins and owners. Your role here is viewer.'
            : mailSetUp === false
              ? 'Mail is not set up on this server yet: the digest starts once it is.'
              : 'It goes out in the morning (UTC), and only on days with open decisions.'}
        </p>
      </div>
    </Section>
  );
}
