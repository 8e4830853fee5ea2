import { type RefObject, useEffect } from 'react';
import { useLocation } from 'react-router';

/** Names the browser tab after the page: "<title> · Stageflow". */
export function usePageTitle(title: string) {
  useEffect(() => {
    document.title = `${title} · Stageflow`;
  }, [title]);
}

/**
 * The path whose heading last took focus. Module state on purpose: a page's header can mount several
 * times for one visit (loading, then loaded), and only the first mount after a move may take focus.
 */
let focusedPath: string | null = null;

/**
 * After moving to another page inside the app, focus goes to its heading, so a keyboard or screen-reader
 * user starts there rather than on the link they followed. The first page of a visit keeps the browser's
 * focus, and a change of query string (filters in the URL) on the same page moves nothing.
 */
export function useFocusOnArrival(heading: RefObject<HTMLElement | null>) {
  const { pathname, key } = useLocation();
  useEffect(() => {
    if (pathname === focusedPath) return;
    const arrivedByNavigation = key !== 'default' && focusedPath !== null;
    focusedPath = pathname;
    if (arrivedByNavigation) heading.current?.focus({ preventScroll: false });
  }, [pathname, key, heading]);
}
