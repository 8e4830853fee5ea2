import type { ParticipantListFilter } from '@stageflow/domain';
import { useState } from 'react';

/**
 * Who is selected for a bulk action: people picked one by one (or every row shown), or everyone the
 * list's filter matches, loaded or not, as the server counts them.
 */
export type Selection =
  | { readonly kind: 'ids'; readonly ids: ReadonlySet<string> }
  | { readonly kind: 'matching'; readonly filter: ParticipantListFilter; readonly count: number };

const NONE: Selection = { kind: 'ids', ids: new Set() };

/** What a bulk action is sent: `participant_ids`, or the `filter` (docs/surfaces.md#bulk-actions). */
export const selectionInput = (selection: Selection) =>
  selection.kind === 'ids' ? { participant_ids: [...selection.ids] } : { filter: selection.filter };

export const selectedCount = (selection: Selection) =>
  selection.kind === 'ids' ? selection.ids.size : selection.count;

/**
 * A selection that belongs to one view of the list: when `scope` changes (another filter, another
 * search) it starts empty, so nobody is acted on who is no longer in sight.
 */
export function useSelection(scope: string) {
  const [state, setState] = useState<{ scope: string; selection: Selection }>({ scope, selection: NONE });
  const selection = state.scope === scope ? state.selection : NONE;
  const set = (next: Selection) => setState({ scope, selection: next });
  const idsNow = (shown: readonly string[]): Set<string> =>
    selection.kind === 'ids' ? new Set(selection.ids) : new Set(shown);

  return {
    selection,
    count: selectedCount(selection),
    isSelected: (id: string) => selection.kind === 'matching' || selection.ids.has(id),
    /**
     * One person in or out. Taking someone out of "everyone matching" leaves the rows shown, less
     * them: the rest were never seen, so they are not kept.
     */
    toggle(id: string, shown: readonly string[]) {
      const ids = idsNow(shown);
      if (ids.has(id)) ids.delete(id);
      else ids.add(id);
      set({ kind: 'ids', ids });
    },
    /** Every row shown in, or out. */
    setShown(shown: readonly string[], on: boolean) {
      const ids = idsNow(shown);
      for (const id of shown) {
        if (on) ids.add(id);
        else ids.delete(id);
      }
      set({ kind: 'ids', ids });
    },
    selectMatching(filter: ParticipantListFilter, count: number) {
      set({ kind: 'matching', filter, count });
    },
    clear: () => set(NONE),
  };
}

export type SelectionState = ReturnType<typeof useSelection>;

/** Whether every row shown is selected, some are, or none: the "select all shown" box's state. */
export function shownState(selection: SelectionState, shown: readonly string[]): boolean | 'mixed' {
  const picked = shown.filter((id) => selection.isSelected(id)).length;
  if (picked === 0 || shown.length === 0) return false;
  return picked === shown.length ? true : 'mixed';
}
