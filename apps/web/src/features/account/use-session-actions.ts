import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { toast } from 'sonner';
import { authClient, unwrapAuth } from '../../app/auth-client.ts';
import { inOurWords } from '../../lib/auth-errors.ts';
import { readServerError } from '../../lib/server-errors.ts';

/**
 * Makes a workspace the session's active one, then refetches everything (every query answers for
 * the active workspace) from the home page, where nothing of the old workspace is open.
 */
export function useSwitchWorkspace() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: (workspace: { id: string; name: string }) =>
      unwrapAuth(authClient.organization.setActive({ organizationId: workspace.id })),
    onSuccess: async (_data, workspace) => {
      navigate('/');
      await queryClient.invalidateQueries();
      toast.success(`Switched to ${workspace.name}`);
    },
    onError: (error) => toast.error(inOurWords(readServerError(error).message)),
  });
}

/** Ends the session, forgets everything cached for it, and goes to sign-in (or `next`). */
export function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: (_to: { next?: string }) => unwrapAuth(authClient.signOut()),
    onSuccess: (_data, { next }) => {
      queryClient.clear();
      navigate(next ?? '/sign-in', { replace: true });
    },
    onError: (error) => toast.error(readServerError(error).message),
  });
}
