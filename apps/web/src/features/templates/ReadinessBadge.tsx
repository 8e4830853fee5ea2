import { plural } from '../../lib/format.ts';
import { Badge } from '../../ui/Badge.tsx';

/**
 * "Not ready — 2 problems" beside a live template whose pipeline cannot take participants
 * (docs/rules.md#pipeline-validation); nothing when it can, or when it is archived.
 */
export function ReadinessBadge({ status, problems }: { status: string; problems: number }) {
  if (status === 'archived' || problems === 0) return null;
  return <Badge tone="danger">Not ready — {plural(problems, 'problem')}</Badge>;
}
