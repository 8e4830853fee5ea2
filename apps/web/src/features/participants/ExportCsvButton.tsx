import { useState } from 'react';
import { toast } from 'sonner';
import { trpc } from '../../app/trpc.ts';
import { useServerError } from '../../app/use-server-error.ts';
import { downloadText } from '../../lib/download.ts';
import { plural } from '../../lib/format.ts';
import { Button } from '../../ui/Button.tsx';
import type { useParticipantFilters } from './use-participant-filters.ts';

type Filters = ReturnType<typeof useParticipantFilters>['query'];

/**
 * Saves the list as filtered as a CSV file, each stage's state and score included. The server
 * writes the file (docs/rules.md#csv-export), so it holds everyone who matches, not just the rows loaded.
 */
export function ExportCsvButton({ filters }: { filters: Filters }) {
  const utils = trpc.useUtils();
  const showError = useServerError();
  const [pending, setPending] = useState(false);

  const save = async () => {
    setPending(true);
    try {
      const file = await utils.participants.export.fetch(filters, { staleTime: 0 });
      downloadText(file.filename, file.csv, 'text/csv;charset=utf-8');
      if (file.truncated) {
        toast.warning(`Saved the newest ${plural(file.rows, 'participant')}: narrow the filters to export the rest.`);
      } else toast.success(`Saved ${plural(file.rows, 'participant')} as ${file.filename}`);
    } catch (error) {
      showError(error);
    } finally {
      setPending(false);
    }
  };

  return (
    <Button onClick={() => void save()} pending={pending}>
      Export CSV
    </Button>
  );
}
