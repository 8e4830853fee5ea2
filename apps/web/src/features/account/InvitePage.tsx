import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { toast } from 'sonner';
import { authClient, unwrapAuth } from '../../app/auth-client.ts';
import { type RouterOutputs, trpc } from '../../app/trpc.ts';
import { inOurWords } from '../../lib/auth-errors.ts';
import { formatDate } from '../../lib/format.ts';
import { withNext } from '../../lib/next-path.ts';
import { readServerError } from '../../lib/server-errors.ts';
import { Button, LinkButton } from '../../ui/Button.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { LoadingState } from '../../ui/LoadingState.tsx';
import { QueryGate } from '../../ui/QueryGate.tsx';
import { AuthCard } from './AuthLayout.tsx';
import { isRole, ROLE_HELP, roleLabel } from './roles.ts';
import { useMeQuery } from './use-account.ts';
import { useSignOut } from './use-session-actions.ts';

type InvitationView = RouterOutputs['account']['invitation'];

/**
 * Where an invite link lands: which workspace, which role, then accept or decline. Only the invited
 * address may see the invitation, so a visitor signs in (or up) first and comes back here.
 */
export default function InvitePage() {
  const { invitationId = '' } = useParams();
  const here = `/invite/${invitationId}`;
  const me = useMeQuery();

  if (me.isPending) return <LoadingState label="Loading the invitation" />;
  if (me.isError) {
    if (readServerError(me.error).code !== 'UNAUTHORIZED') {
      return (
        <ErrorState
          error={me.error}
          title="Could not load your account"
          onRetry={() => void me.refetch()}
          retrying={me.isFetching}
        />
      );
    }
    return (
      <AuthCard
        title="You’re invited to Stageflow"
        description="Sign in with the address the invitation was sent to, or create an account with it, to see the workspace and join."
      >
        <div className="auth-actions">
          <LinkButton variant="primary" to={withNext('/sign-in', here)}>
            Sign in
          </LinkButton>
          <LinkButton to={withNext('/sign-up', here)}>Create an account</LinkButton>
        </div>
      </AuthCard>
    );
  }
  return <Invitation id={invitationId} email={me.data.user.email} here={here} />;
}

function Invitation({ id, email, here }: { id: string; email: string; here: string }) {
  const signOut = useSignOut();
  const invitation = trpc.account.invitation.useQuery({ id }, { retry: false });
  return (
    <QueryGate
      query={invitation}
      loading="Loading the invitation"
      notFound={
        <AuthCard
          title="This invitation is not for you"
          description={
            <>
              There is no open invitation for <strong>{email}</strong> at this link. It may have been sent to another
              address, or cancelled. Sign in with the invited address, or ask for a new link.
            </>
          }
        >
          <div className="auth-actions">
            <Button
              variant="primary"
              pending={signOut.isPending}
              onClick={() => signOut.mutate({ next: withNext('/sign-in', here) })}
            >
              Sign in with another account
            </Button>
            <LinkButton to="/">Go to Stageflow</LinkButton>
          </div>
        </AuthCard>
      }
    >
      {(found) => <InvitationCard id={id} email={email} invitation={found} />}
    </QueryGate>
  );
}

/** The invitation itself: where and as what, then accept or decline (or why it can no longer be). */
function InvitationCard({ id, email, invitation }: { id: string; email: string; invitation: InvitationView }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const utils = trpc.useUtils();
  const { workspace_name, role, status, expires_at } = invitation;

  const accept = useMutation({
    mutationFn: async () => {
      const joined = await unwrapAuth(authClient.organization.acceptInvitation({ invitationId: id }));
      const workspaceId = joined?.member.organizationId ?? joined?.invitation.organizationId;
      if (workspaceId) await unwrapAuth(authClient.organization.setActive({ organizationId: workspaceId }));
    },
    onSuccess: async () => {
      // The account first (now with its new workspace), so the shell's guard lets us in.
      await queryClient.invalidateQueries();
      toast.success(`You joined ${workspace_name}`);
      navigate('/', { replace: true });
    },
    onError: (error) => toast.error(inOurWords(readServerError(error).message)),
  });
  const decline = useMutation({
    mutationFn: () => unwrapAuth(authClient.organization.rejectInvitation({ invitationId: id })),
    onSuccess: () => utils.account.invitation.invalidate({ id }),
    onError: (error) => toast.error(inOurWords(readServerError(error).message)),
  });

  const expired = new Date(expires_at).getTime() < Date.now();
  const closed =
    status === 'accepted'
      ? 'You have already accepted this invitation.'
      : status === 'rejected'
        ? 'You declined this invitation. Ask for a new link if you change your mind.'
        : status === 'canceled'
          ? 'This invitation was cancelled. Ask for a new link.'
          : expired
            ? 'This invitation has expired. Ask for a new link.'
            : undefined;

  return (
    <AuthCard title={`Join ${workspace_name}`} description={<>You are invited as {email}.</>}>
      <dl className="invite-details">
        <div>
          <dt>Workspace</dt>
          <dd>{workspace_name}</dd>
        </div>
        <div>
          <dt>Role</dt>
          <dd>
            <strong>{roleLabel(role)}</strong>
            {isRole(role) && <span className="muted"> — {ROLE_HELP[role]}</span>}
          </dd>
        </div>
        {!closed && (
          <div>
            <dt>Expires</dt>
            <dd>{formatDate(expires_at)}</dd>
          </div>
        )}
      </dl>
      {closed ? (
        <>
          <p className="banner banner-warning" role="status">
            {closed}
          </p>
          <LinkButton variant="primary" to="/">
            Go to Stageflow
          </LinkButton>
        </>
      ) : (
        <div className="auth-actions">
          <Button
            variant="primary"
            pending={accept.isPending}
            disabled={decline.isPending}
            onClick={() => accept.mutate()}
          >
            Accept and join
          </Button>
          <Button pending={decline.isPending} disabled={accept.isPending} onClick={() => decline.mutate()}>
            Decline
          </Button>
        </div>
      )}
    </AuthCard>
  );
}
