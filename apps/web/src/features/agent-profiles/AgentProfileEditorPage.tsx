import type { AgentProfile } from '@stageflow/domain';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { toast } from 'sonner';
import { trpc } from '../../app/trpc.ts';
import { useServerError } from '../../app/use-server-error.ts';
import { StatusBadge } from '../../ui/Badge.tsx';
import { Button, LinkButton } from '../../ui/Button.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { EmptyState, NotFoundState } from '../../ui/EmptyState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryGate } from '../../ui/QueryGate.tsx';
import { useCan } from '../account/use-account.ts';
import { AgentProfileForm } from './AgentProfileForm.tsx';
import { newAgentProfileValues, profileToFormValues } from './agent-profile-form.ts';

const cancelLink = <LinkButton to="/agent-profiles">Cancel</LinkButton>;

export default function AgentProfileEditorPage() {
  const { profileId } = useParams();
  const canEdit = useCan('admin');
  if (profileId) return <EditProfile id={profileId} />;
  if (!canEdit) {
    return (
      <EmptyState
        title="Only admins create interviewers"
        action={
          <LinkButton variant="primary" to="/agent-profiles">
            Back to Agent Profiles
          </LinkButton>
        }
      >
        Your role lets you read agent profiles. Ask an owner or admin to create one.
      </EmptyState>
    );
  }
  return <NewProfile />;
}

function NewProfile() {
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const showError = useServerError();
  const create = trpc.agentProfiles.create.useMutation();
  return (
    <>
      <PageHeader
        title="New agent profile"
        description="An interviewer that runs AI stages: its persona, what it scores and how."
      />
      <AgentProfileForm
        defaultValues={newAgentProfileValues()}
        submitLabel="Create profile"
        pending={create.isPending}
        actions={cancelLink}
        onSubmit={(values, form) =>
          create.mutate(values, {
            onSuccess: async (profile) => {
              toast.success(`Created “${profile.name}”`);
              await utils.agentProfiles.invalidate();
              navigate(`/agent-profiles/${profile.id}`, { replace: true });
            },
            onError: (error) => showError(error, form),
          })
        }
      />
    </>
  );
}

function EditProfile({ id }: { id: string }) {
  const query = trpc.agentProfiles.byId.useQuery({ id });
  // The editor is keyed by the save time, so the form starts over from what the server stored.
  return (
    <QueryGate
      query={query}
      loading="Loading agent profile"
      notFound={
        <NotFoundState
          title="Agent profile not found"
          back={{ to: '/agent-profiles', label: 'Back to Agent Profiles' }}
        >
          It may have been removed, or the link is wrong. Pick a profile from the list.
        </NotFoundState>
      }
    >
      {(profile) => <ProfileEditor key={profile.updated_at} profile={profile} />}
    </QueryGate>
  );
}

function ProfileEditor({ profile }: { profile: AgentProfile }) {
  const utils = trpc.useUtils();
  const showError = useServerError();
  const [confirmingArchive, setConfirmingArchive] = useState(false);
  // Reviewers and viewers read the profile in the same form, with every control disabled.
  const canEdit = useCan('admin');
  const update = trpc.agentProfiles.update.useMutation();
  const archive = trpc.agentProfiles.archive.useMutation({
    onSuccess: async (archived) => {
      toast.success(`Archived “${archived.name}”`);
      setConfirmingArchive(false);
      await utils.agentProfiles.invalidate();
    },
    onError: (error) => showError(error),
  });

  return (
    <>
      <PageHeader
        title={profile.name}
        meta={<StatusBadge status={profile.status} label={profile.status === 'active' ? 'Active' : 'Archived'} />}
        description={
          canEdit ? 'An interviewer that runs AI stages.' : 'An interviewer that runs AI stages. Only admins change it.'
        }
      />
      <fieldset className="fieldset" disabled={!canEdit}>
        <AgentProfileForm
          defaultValues={profileToFormValues(profile)}
          submitLabel="Save profile"
          pending={update.isPending}
          actions={
            <>
              {canEdit && profile.status === 'active' && (
                <Button variant="ghost" className="push-left" onClick={() => setConfirmingArchive(true)}>
                  Archive
                </Button>
              )}
              {cancelLink}
            </>
          }
          onSubmit={(values, form) =>
            update.mutate(
              { id: profile.id, ...values },
              {
                onSuccess: async (saved) => {
                  toast.success(`Saved “${saved.name}”`);
                  await utils.agentProfiles.invalidate();
                },
                onError: (error) => showError(error, form),
              },
            )
          }
        />
      </fieldset>
      <ConfirmDialog
        open={confirmingArchive}
        title="Archive this agent profile?"
        confirmLabel="Archive profile"
        pending={archive.isPending}
        onConfirm={() => archive.mutate({ id: profile.id })}
        onClose={() => setConfirmingArchive(false)}
      >
        “{profile.name}” can no longer be picked for new stages. Stages that use it keep it.
      </ConfirmDialog>
    </>
  );
}
