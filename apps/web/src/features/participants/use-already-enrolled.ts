import { MAX_PARTICIPANTS_PER_REQUEST } from '@stageflow/domain';
import { useQuery } from '@tanstack/react-query';
import { trpc } from '../../app/trpc.ts';
import { chunk } from './bulk-import.ts';

/**
 * Which of these emails the template already has, asked of the server (`participants.alreadyEnrolled`)
 * as soon as the list and the template are known, so the preview can say so before anything is sent.
 */
export function useAlreadyEnrolled(templateId: string, emails: readonly string[]) {
  const utils = trpc.useUtils();
  const unique = [...new Set(emails.map((e) => e.toLowerCase()).filter(Boolean))].sort();
  const query = useQuery({
    queryKey: ['participants.alreadyEnrolled', templateId, unique],
    enabled: templateId !== '' && unique.length > 0,
    staleTime: 0,
    queryFn: async () => {
      const answers = await Promise.all(
        chunk(unique, MAX_PARTICIPANTS_PER_REQUEST).map((group) =>
          utils.client.participants.alreadyEnrolled.mutate({ evaluation_template_id: templateId, emails: group }),
        ),
      );
      return new Set(answers.flatMap((a) => a.emails));
    },
  });
  return { enrolled: query.data ?? EMPTY, checking: query.isFetching };
}

const EMPTY: ReadonlySet<string> = new Set();
