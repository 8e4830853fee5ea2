import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useDebouncedValue } from './use-debounced-value.ts';

/**
 * A search box whose text is kept in the URL (`?q=…`), so a reload, Back or a shared link shows the
 * same list.
 *
 * The box is not bound to the URL itself: the router applies URL changes in a React transition, and
 * a controlled input whose value arrives in a transition is reset to its older value between fast
 * keystrokes, which dropped letters ("Priya" became "Prya"). The box keeps its own text, written to
 * the URL once typing pauses; a URL changed from elsewhere (Back, a link, Clear filters) is taken back.
 * `applied` is what the list asks the server for: the URL's text, trimmed.
 */
export function useUrlSearch(key = 'q') {
  const [params, setParams] = useSearchParams();
  const inUrl = params.get(key) ?? '';
  const [text, setText] = useState(inUrl);
  /** The URL's text as this box last read it, and what it wrote since that the URL may still pass through. */
  const known = useRef({ read: inUrl, written: [] as string[] });

  useEffect(() => {
    const { read, written } = known.current;
    if (inUrl === read) return;
    if (written.includes(inUrl)) {
      // One of this box's own writes arriving: the box already shows it, or has moved past it.
      known.current = { read: inUrl, written: inUrl === written.at(-1) ? [] : written };
      return;
    }
    known.current = { read: inUrl, written: [] };
    setText(inUrl);
  }, [inUrl]);

  const settled = useDebouncedValue(text);
  useEffect(() => {
    const { read, written } = known.current;
    if (settled === (written.at(-1) ?? read)) return;
    known.current = { read, written: [...written, settled] };
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (settled) next.set(key, settled);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
    // Only a settled text writes (`setParams` changes with every URL change, `key` never).
  }, [settled]);

  return { text, setText, applied: inUrl.trim() };
}
