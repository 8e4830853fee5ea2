import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { toast } from 'sonner';
import { authClient, unwrapAuth } from '../../app/auth-client.ts';
import { type RouterOutputs, trpc } from '../../app/trpc.ts';
import { showRefusal as sayRefused } from '../../app/use-server-error.ts';
import { inOurWords } from '../../lib/auth-errors.ts';
import { formatDate } from '../../lib/format.ts';
import { readServerError } from '../../lib/server-errors.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { CopyField } from '../../ui/CopyField.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryGate } from '../../ui/QueryGate.tsx';
import { Section } from '../../ui/Section.tsx';
import { SelectOptions } from '../../ui/SelectOptions.tsx';
import { assignableRoles, isRole, ROLE_HELP, ROLE_LABELS, type Role, roleLabel } from '../account/roles.ts';
import { useAccount } from '../account/use-account.ts';
import { useMailSetup } from '../mail/mail-setup.ts';
import { InviteMemberDialog } from './InviteMemberDialog.tsx';
import { inviteLink } from './invite-link.ts';

type Members = RouterOutputs['account']['members'];
type Member = Members['members'][number];
type Invitation = Members['invitations'][number];

/** Dates arrive as ISO strings on the wire. */
const showRefusal = (error: unknown) => sayRefused(inOurWords(readServerError(error).message));

/**
 * Settings → Members: who is in the workspace and with which role, and the open invitations.
 * Owners and admins change roles, remove members and invite; the controls others could not use
 * are hidden, and the server (better-auth) has the last word, shown when it refuses.
 */
export default function MembersPage() {
  const { active_workspace, role, user } = useAccount();
  const query = trpc.account.members.useQuery();
  const [inviting, setInviting] = useState(false);
  const roles = assignableRoles(role);
  const canManage = roles.length > 0;
  const workspaceName = active_workspace?.name ?? 'this workspace';

  return (
    <>
      <PageHeader
        title="Members"
        description={
          <>
            People in {workspaceName} and what they can do. You are {role === 'owner' || role === 'admin' ? 'an' : 'a'}{' '}
            {role ? ROLE_LABELS[role].toLowerCase() : 'member'} here.
          </>
        }
        actions={
          canManage && (
            <Button variant="primary" onClick={() => setInviting(true)}>
              Invite member
            </Button>
          )
        }
      />
      <QueryGate query={query} loading="Loading members">
        {({ members, invitations }) => (
          <div className="stack-lg">
            <MembersTable members={members} myRole={role} myUserId={user.id} workspaceName={workspaceName} />
            <InvitationsSection invitations={invitations} canManage={canManage} onInvite={() => setInviting(true)} />
          </div>
        )}
      </QueryGate>
      <InviteMemberDialog
        open={inviting}
        onClose={() => setInviting(false)}
        workspaceName={workspaceName}
        roles={roles}
      />
    </>
  );
}

function MembersTable({
  members,
  myRole,
  myUserId,
  workspaceName,
}: {
  members: readonly Member[];
  myRole: Role | null;
  myUserId: string;
  workspaceName: string;
}) {
  const utils = trpc.useUtils();
  const [removing, setRemoving] = useState<Member>();
  // A role picked in the table waits here for its confirmation: what someone may do changes at once.
  const [changing, setChanging] = useState<{ member: Member; role: Role }>();
  const roles = assignableRoles(myRole);
  const changeRole = useMutation({
    mutationFn: ({ member, role }: { member: Member; role: Role }) =>
      unwrapAuth(authClient.organization.updateMemberRole({ memberId: member.id, role })),
    onSuccess: (_data, { member, role }) => {
      toast.success(`${member.name} is now ${ROLE_LABELS[role].toLowerCase()}`);
      setChanging(undefined);
    },
    onError: showRefusal,
    onSettled: () => utils.account.members.invalidate(),
  });
  const remove = useMutation({
    mutationFn: (member: Member) => unwrapAuth(authClient.organization.removeMember({ memberIdOrEmail: member.id })),
    onSuccess: (_data, member) => {
      toast.success(`Removed ${member.name} from ${workspaceName}`);
      setRemoving(undefined);
    },
    onError: showRefusal,
    onSettled: () => utils.account.members.invalidate(),
  });
  // Owners manage everyone; admins everyone but owners (better-auth refuses them); nobody edits themselves here.
  const manages = (member: Member) =>
    roles.length > 0 && member.user_id !== myUserId && (myRole === 'owner' || member.role !== 'owner');

  return (
    <Section
      title="Members"
      description="Viewers read; reviewers also record results and decide; admins and owners do everything, and only owners manage ownership."
    >
      <DataTable
        rows={members}
        rowKey={(member) => member.id}
        columns={[
          {
            header: 'Member',
            rowHeader: true,
            cell: (member) => (
              <>
                <span className="member-name">
                  {member.name}
                  {member.user_id === myUserId && <Badge tone="info">You</Badge>}
                </span>
                <span className="row-sub">{member.email}</span>
              </>
            ),
          },
          {
            header: 'Role',
            cell: (member) =>
              manages(member) ? (
                <select
                  aria-label={`Role of ${member.name}`}
                  value={member.role}
                  disabled={changeRole.isPending && changeRole.variables?.member.id === member.id}
                  onChange={(event) => {
                    const role = event.target.value;
                    if (isRole(role) && role !== member.role) setChanging({ member, role });
                  }}
                >
                  {!roles.some((r) => r === member.role) && (
                    <option value={member.role}>{roleLabel(member.role)}</option>
                  )}
                  <SelectOptions options={roles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
                </select>
              ) : (
                <Badge tone={member.role === 'owner' ? 'info' : 'neutral'}>{roleLabel(member.role)}</Badge>
              ),
          },
          { header: 'Joined', className: 'nowrap', cell: (member) => formatDate(member.joined_at) },
          {
            header: 'Actions',
            hiddenHeader: true,
            className: 'cell-actions',
            cell: (member) =>
              manages(member) && (
                <Button size="sm" variant="ghost" className="text-danger" onClick={() => setRemoving(member)}>
                  Remove
                </Button>
              ),
          },
        ]}
      />
      <ConfirmDialog
        open={changing !== undefined}
        title="Change role"
        confirmLabel={changing ? `Make ${ROLE_LABELS[changing.role].toLowerCase()}` : 'Change role'}
        pending={changeRole.isPending}
        onConfirm={() => changing && changeRole.mutate(changing)}
        onClose={() => setChanging(undefined)}
      >
        Change <strong>{changing?.member.name}</strong> from {changing && roleLabel(changing.member.role).toLowerCase()}{' '}
        to {changing && ROLE_LABELS[changing.role].toLowerCase()}? It applies at once. As{' '}
        {changing && ROLE_LABELS[changing.role].toLowerCase()} they can do this: {changing && ROLE_HELP[changing.role]}
      </ConfirmDialog>
      <ConfirmDialog
        open={removing !== undefined}
        title="Remove member"
        confirmLabel="Remove member"
        pending={remove.isPending}
        onConfirm={() => removing && remove.mutate(removing)}
        onClose={() => setRemoving(undefined)}
      >
        Remove <strong>{removing?.name}</strong> ({removing?.email}) from {workspaceName}? They lose access at once; you
        can invite them again later.
      </ConfirmDialog>
    </Section>
  );
}

function InvitationsSection({
  invitations,
  canManage,
  onInvite,
}: {
  invitations: readonly Invitation[];
  canManage: boolean;
  onInvite: () => void;
}) {
  const utils = trpc.useUtils();
  const mailSetUp = useMailSetup();
  // better-auth makes the invitation again (7 more days) and it is emailed anew (docs/mail.md#invitations).
  const resend = useMutation({
    mutationFn: (invitation: Invitation) =>
      unwrapAuth(
        authClient.organization.inviteMember({
          email: invitation.email,
          role: invitation.role as Role,
          resend: true,
        }),
      ),
    onSuccess: (_data, invitation) => toast.success(`Emailed the invitation to ${invitation.email} again`),
    onError: showRefusal,
    onSettled: () => utils.account.members.invalidate(),
  });
  const cancel = useMutation({
    mutationFn: (invitation: Invitation) =>
      unwrapAuth(authClient.organization.cancelInvitation({ invitationId: invitation.id })),
    onSuccess: (_data, invitation) => toast.success(`Cancelled the invitation for ${invitation.email}`),
    onError: showRefusal,
    onSettled: () => utils.account.members.invalidate(),
  });

  return (
    <Section
      title="Pending invitations"
      description={
        canManage
          ? mailSetUp
            ? 'Each invitation is emailed with its link, which you can also copy. It works for 7 days and only for their address.'
            : 'Each invitation is a link: send it to the person invited (mail is not set up, so none is emailed). It works for 7 days and only for their address.'
          : 'People invited who have not joined yet.'
      }
    >
      {invitations.length === 0 ? (
        <EmptyState
          title="No pending invitations"
          action={
            canManage && (
              <Button variant="primary" onClick={onInvite}>
                Invite member
              </Button>
            )
          }
        >
          {canManage
            ? 'Invite someone by email and role; you get a link to send them.'
            : 'Owners and admins invite new members.'}
        </EmptyState>
      ) : (
        <DataTable
          rows={invitations}
          rowKey={(invitation) => invitation.id}
          columns={[
            { header: 'Email', rowHeader: true, cell: (invitation) => invitation.email },
            { header: 'Role', cell: (invitation) => roleLabel(invitation.role) },
            { header: 'Expires', className: 'nowrap', cell: (invitation) => formatDate(invitation.expires_at) },
            canManage && {
              header: 'Invite link',
              className: 'cell-link',
              cell: (invitation) => (
                <CopyField
                  value={inviteLink(invitation.id)}
                  label={`Invite link for ${invitation.email}`}
                  copyLabel="Copy link"
                />
              ),
            },
            canManage && {
              header: 'Actions',
              hiddenHeader: true,
              className: 'cell-actions',
              cell: (invitation) => (
                <>
                  {mailSetUp && (
                    <Button
                      size="sm"
                      variant="ghost"
                      aria-label={`Send the invitation to ${invitation.email} again`}
                      pending={resend.isPending && resend.variables?.id === invitation.id}
                      onClick={() => resend.mutate(invitation)}
                    >
                      Send again
                    </Button>
                  )}
                  <Button
                    size="sm"
                    variant="ghost"
                    className="text-danger"
                    pending={cancel.isPending && cancel.variables?.id === invitation.id}
                    onClick={() => cancel.mutate(invitation)}
                  >
                    Cancel invitation
                  </Button>
                </>
              ),
            },
          ]}
        />
      )}
    </Section>
  );
}
