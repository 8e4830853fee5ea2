import type { BulkActionItem } from '@stageflow/domain';
import { Link } from 'react-router';
import { Badge, type BadgeTone } from '../../ui/Badge.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { outcomeWords } from './bulk-words.ts';

const TONES: Record<BulkActionItem['outcome'], BadgeTone> = {
  applied: 'success',
  unchanged: 'neutral',
  refused: 'danger',
  pending: 'info',
};

/** Each person of a bulk action, in order: what happens (or happened) to them, or why not. */
export function BulkItemsTable({ items, preview }: { items: readonly BulkActionItem[]; preview: boolean }) {
  return (
    <DataTable
      rows={items}
      rowKey={(item) => item.participant_id}
      caption={preview ? 'What would happen to each person' : 'What happened to each person'}
      className="table-compact"
      wrapClassName="bulk-items"
      columns={[
        {
          header: 'Participant',
          rowHeader: true,
          cell: (item) =>
            item.name ? <Link to={`/participants/${item.participant_id}`}>{item.name}</Link> : 'Someone no longer here',
        },
        {
          header: 'Outcome',
          className: 'nowrap',
          cell: (item) => <Badge tone={TONES[item.outcome]}>{outcomeWords(item.outcome, preview)}</Badge>,
        },
        {
          header: preview ? 'What happens, or why not' : 'What happened, or why not',
          cell: (item) => item.summary ?? item.reason ?? '',
        },
      ]}
    />
  );
}
