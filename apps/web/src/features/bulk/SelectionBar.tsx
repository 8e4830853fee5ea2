import { plural } from '../../lib/format.ts';
import { Button } from '../../ui/Button.tsx';
import type { SelectionState } from './use-selection.ts';

interface SelectionBarProps {
  selection: SelectionState;
  /** Every row shown is selected, and more match than are shown: offer to take them all. */
  moreMatching: number | null;
  /** "matching the filter", "on this board": what "all" means here. */
  scopeWords: string;
  onSelectMatching: () => void;
  onAct: () => void;
}

/**
 * What is selected and what to do with it, kept in view at the bottom of the page while rows are picked.
 * Its controls wrap onto more lines on a phone rather than run off the screen.
 */
export function SelectionBar({ selection, moreMatching, scopeWords, onSelectMatching, onAct }: SelectionBarProps) {
  if (selection.count === 0) return null;
  const all = selection.selection.kind === 'matching';
  return (
    <section className="selection-bar" aria-label="Selection">
      <p className="selection-bar-count" aria-live="polite">
        {all
          ? `All ${plural(selection.count, 'participant')} ${scopeWords} are selected.`
          : `${selection.count} selected.`}
      </p>
      {!all && moreMatching !== null && (
        <Button variant="ghost" size="sm" onClick={onSelectMatching}>
          Select all {moreMatching} {scopeWords}
        </Button>
      )}
      <div className="selection-bar-actions">
        <Button size="sm" onClick={selection.clear}>
          Clear selection
        </Button>
        <Button variant="primary" size="sm" onClick={onAct}>
          Act on {plural(selection.count, 'person', 'people')}…
        </Button>
      </div>
    </section>
  );
}
