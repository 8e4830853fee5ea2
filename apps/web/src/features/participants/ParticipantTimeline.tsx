import { trpc } from '../../app/trpc.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { Timeline } from './Timeline.tsx';
import type { TimelineContext } from './timeline.ts';

/** Events the timeline shows first; older ones load when asked. */
const FIRST_EVENTS = 20;

interface ParticipantTimelineProps {
  participantId: string;
  memberNames: ReadonlyMap<string, string>;
  context: TimelineContext;
}

/**
 * The participant's timeline, read a page at a time beside the page (`participants.timeline`): the newest
 * twenty first, then older ones on demand. The page itself carries no events, so it stays small however long
 * the history grows.
 */
export function ParticipantTimeline({ participantId, memberNames, context }: ParticipantTimelineProps) {
  const query = trpc.participants.timeline.useInfiniteQuery(
    { id: participantId, limit: FIRST_EVENTS },
    { getNextPageParam: (page) => page.next_cursor ?? undefined },
  );
  if (query.isPending) return <p className="muted">Loading the timeline…</p>;
  if (query.isError) {
    return (
      <ErrorState
        compact
        error={query.error}
        title="Could not load the timeline"
        onRetry={() => void query.refetch()}
        retrying={query.isFetching}
      />
    );
  }
  const events = query.data.pages.flatMap((page) => page.items);
  return (
    <>
      <Timeline events={events} memberNames={memberNames} context={context} />
      {query.hasNextPage && (
        <div className="list-footer">
          <Button onClick={() => void query.fetchNextPage()} pending={query.isFetchingNextPage}>
            Show older events
          </Button>
        </div>
      )}
    </>
  );
}
