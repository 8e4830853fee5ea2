import { toast } from 'sonner';
import { type RouterOutputs, trpc } from '../../app/trpc.ts';
import { useServerError } from '../../app/use-server-error.ts';
import { formatDate } from '../../lib/format.ts';
import { QueryGate } from '../../ui/QueryGate.tsx';
import { Section } from '../../ui/Section.tsx';

/**
 * Owners choose which admins may read these figures (docs/rules.md#who-reads-self-identification): a
 * checkbox per admin. Reviewers and viewers cannot be given them; make someone an admin first.
 */
export function DemographicsAccessSection() {
  const query = trpc.demographicsAccess.list.useQuery();
  const utils = trpc.useUtils();
  const showError = useServerError();
  const options = {
    onSuccess: (answer: RouterOutputs['demographicsAccess']['list'], input: { user_id: string }) => {
      const admin = answer.admins.find((a) => a.user_id === input.user_id);
      toast.success(`${admin?.name ?? 'The admin'} ${admin?.granted ? 'can now see' : 'no longer sees'} these figures`);
      utils.demographicsAccess.list.setData(undefined, answer);
    },
    onError: (error: unknown) => showError(error),
  };
  const grant = trpc.demographicsAccess.grant.useMutation(options);
  const revoke = trpc.demographicsAccess.revoke.useMutation(options);
  const asking = (mutation: typeof grant, userId: string) =>
    mutation.isPending && mutation.variables?.user_id === userId;
  const pendingFor = (userId: string) => asking(grant, userId) || asking(revoke, userId);
  /** What a box shows: the answer being asked for while it is on its way, else what is stored. */
  const shown = (admin: { user_id: string; granted: boolean }) =>
    asking(grant, admin.user_id) ? true : asking(revoke, admin.user_id) ? false : admin.granted;

  return (
    <Section
      title="Who sees these figures"
      description="Owners always do. You may let admins see them too, one by one; reviewers and viewers never do. Every change is in the audit trail."
    >
      <QueryGate query={query} loading="Loading admins">
        {({ admins }) =>
          admins.length === 0 ? (
            <p className="muted">This workspace has no admins. Make a member an admin in Settings → Members first.</p>
          ) : (
            <ul className="impact-access">
              {admins.map((admin) => (
                <li key={admin.user_id} className="checkbox-row">
                  <input
                    type="checkbox"
                    id={`impact-access-${admin.user_id}`}
                    checked={shown(admin)}
                    disabled={pendingFor(admin.user_id)}
                    onChange={(event) => (event.target.checked ? grant : revoke).mutate({ user_id: admin.user_id })}
                  />
                  <label htmlFor={`impact-access-${admin.user_id}`}>
                    {admin.name} <span className="muted">({admin.email})</span>
                    {admin.granted && admin.granted_at && (
                      <span className="muted"> · since {formatDate(admin.granted_at)}</span>
                    )}
                  </label>
                </li>
              ))}
            </ul>
          )
        }
      </QueryGate>
    </Section>
  );
}
