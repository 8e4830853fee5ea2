import { trpc } from '../../app/trpc.ts';
import { atLeast, type Role } from './roles.ts';

/** The same query the route guard waits for, so inside the app shell it is already loaded. */
export const useMeQuery = () => trpc.account.me.useQuery(undefined, { staleTime: 60_000 });

/**
 * The signed-in person, their workspaces and their role in the active one. Only for pages under
 * the app shell, whose guard renders them once this has loaded.
 */
export function useAccount() {
  const { data } = useMeQuery();
  if (!data) throw new Error('useAccount() is for pages under the app shell, after the account has loaded');
  return data;
}

/** Whether the current role carries `required`: for hiding controls the server would refuse. */
export function useCan(required: Role) {
  const { data } = useMeQuery();
  return atLeast(data?.role, required);
}
