import { keepPreviousData } from '@tanstack/react-query';
import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';
import { trpc } from '../trpc.ts';
import { filterGroups, PAGE_ITEMS, type PaletteGroup, type PaletteItem } from './palette-items.ts';
import './palette.css';

/**
 * Ctrl/⌘+K: type to find a page, a template (or its board), an agent profile or a participant, and
 * Enter to go there. A combobox over a listbox (WAI-ARIA APG): focus stays in the box, the arrows
 * move the active option, Escape closes. Not part of the first load (ShortcutSheets.tsx;
 * docs/decisions/025-keyboard-shortcuts-and-command-palette.md).
 */
export default function CommandPalette({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const listId = useId();
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const groups = usePaletteGroups(query);
  const items = groups.flatMap((g) => g.items);
  const at = Math.min(active, Math.max(0, items.length - 1));
  const optionId = (i: number) => `${listId}-${i}`;

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  // The active option stays in view as the arrows move it.
  useEffect(() => {
    document.getElementById(optionId(at))?.scrollIntoView({ block: 'nearest' });
  });

  const go = (item: PaletteItem | undefined) => {
    if (!item) return;
    ref.current?.close();
    navigate(item.path);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const last = items.length - 1;
    const moves: Record<string, number> = {
      ArrowDown: at >= last ? 0 : at + 1,
      ArrowUp: at <= 0 ? last : at - 1,
      Home: 0,
      End: last,
    };
    if (event.key in moves) {
      event.preventDefault();
      setActive(Math.max(0, moves[event.key] ?? 0));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      go(items[at]);
    }
  };

  let index = 0;
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: a click on the backdrop closes; Escape does the same by keyboard
    <dialog
      ref={ref}
      className="palette"
      aria-label="Search or jump to"
      onClose={onClose}
      onClick={(e) => e.target === ref.current && ref.current.close()}
    >
      <div className="palette-box">
        <input
          className="palette-input"
          role="combobox"
          aria-label="Search or jump to"
          aria-autocomplete="list"
          aria-expanded="true"
          aria-controls={listId}
          aria-activedescendant={items.length > 0 ? optionId(at) : undefined}
          placeholder="Jump to a page, template, profile or participant…"
          autoComplete="off"
          spellCheck={false}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        <div id={listId} role="listbox" aria-label="Results" className="palette-list">
          {groups.map((group) => (
            // biome-ignore lint/a11y/useSemanticElements: a group of options inside a listbox (ARIA), not a form fieldset
            <div key={group.title} role="group" aria-label={group.title} className="palette-group">
              <div className="palette-group-title" aria-hidden="true">
                {group.title}
              </div>
              {group.items.map((item) => {
                const i = index++;
                return (
                  // Focus stays in the combobox; the active option is named by aria-activedescendant (WAI-ARIA APG),
                  // so options take no focus and no keys of their own: Enter in the box chooses.
                  // biome-ignore lint/a11y/useKeyWithClickEvents: see above
                  // biome-ignore lint/a11y/useFocusableInteractive: see above
                  <div
                    key={item.key}
                    id={optionId(i)}
                    role="option"
                    aria-selected={i === at}
                    className="palette-option"
                    onClick={() => go(item)}
                    onPointerMove={() => setActive(i)}
                  >
                    <span className="palette-option-label">{item.label}</span>
                    {item.detail && <span className="palette-option-detail">{item.detail}</span>}
                  </div>
                );
              })}
            </div>
          ))}
        </div>
        {items.length === 0 && (
          <p className="palette-empty" role="status">
            Nothing matches “{query.trim()}”.
          </p>
        )}
        <p className="palette-hint" aria-hidden="true">
          <kbd>↑</kbd> <kbd>↓</kbd> to move · <kbd>Enter</kbd> to open · <kbd>Esc</kbd> to close
        </p>
      </div>
    </dialog>
  );
}

/** What the palette offers for the query: pages, templates and their boards, profiles, then participants. */
function usePaletteGroups(query: string): PaletteGroup[] {
  const templates = trpc.templates.list.useQuery({ status: 'all' });
  const profiles = trpc.agentProfiles.list.useQuery({ status: 'all' });
  // Participants can be many: the server searches them, once typing pauses.
  const search = useDebouncedValue(query.trim(), 150);
  const participants = trpc.participants.list.useQuery(
    { search, limit: 6 },
    { enabled: search !== '', placeholderData: keepPreviousData },
  );

  return useMemo(() => {
    const live = (templates.data ?? []).filter((t) => t.status !== 'archived');
    const groups: PaletteGroup[] = [
      { title: 'Pages', items: PAGE_ITEMS },
      {
        title: 'Evaluation templates',
        items: live.flatMap((t) => [
          { key: `template:${t.id}`, label: t.template_name, detail: 'Template', path: `/templates/${t.id}` },
          {
            key: `board:${t.id}`,
            label: `${t.template_name}: board`,
            detail: 'Participants board',
            path: `/templates/${t.id}/board`,
          },
        ]),
      },
      {
        title: 'Agent profiles',
        items: (profiles.data ?? [])
          .filter((p) => p.status !== 'archived')
          .map((p) => ({
            key: `profile:${p.id}`,
            label: p.name,
            detail: 'Agent profile',
            path: `/agent-profiles/${p.id}`,
          })),
      },
      {
        title: 'Participants',
        items:
          search === ''
            ? []
            : (participants.data?.items ?? []).map((p) => ({
                key: `participant:${p.id}`,
                label: p.name,
                detail: p.email,
                path: `/participants/${p.id}`,
              })),
      },
    ];
    return filterGroups(groups, query);
  }, [templates.data, profiles.data, participants.data, search, query]);
}
