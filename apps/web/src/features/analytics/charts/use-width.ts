import { type RefObject, useEffect, useState } from 'react';

/** The width of a box as it changes (a chart drawn to fit it, phone to desktop); `fallback` until measured. */
export function useWidth(ref: RefObject<HTMLElement | null>, fallback = 320): number {
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const box = ref.current;
    if (!box) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.floor(entry.contentRect.width));
    });
    observer.observe(box);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}
