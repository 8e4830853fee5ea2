import { trpc } from '../../app/trpc.ts';

/** The sidebar's badge: how many decisions wait for a reviewer. Nothing when none do. */
export function OpenDecisionsCount() {
  const { data } = trpc.decisions.openCount.useQuery(undefined, { refetchInterval: 60_000 });
  if (!data) return null;
  return (
    <span className="nav-count">
      {data}
      <span className="visually-hidden"> open</span>
    </span>
  );
}
