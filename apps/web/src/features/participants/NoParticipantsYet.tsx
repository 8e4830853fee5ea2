import type { ReactNode } from 'react';
import { Button } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';

/** An empty board or list: what happens to the people added, and, for those who may, the two ways to add them. */
export function NoParticipantsYet({
  canManage,
  onAdd,
  onImport,
  children,
}: {
  canManage: boolean;
  onAdd: () => void;
  onImport: () => void;
  children: ReactNode;
}) {
  return (
    <EmptyState
      title="No participants yet"
      action={
        canManage && (
          <>
            <Button variant="primary" onClick={onAdd}>
              Add a participant
            </Button>
            <Button onClick={onImport}>Import a list</Button>
          </>
        )
      }
    >
      {children}
    </EmptyState>
  );
}
