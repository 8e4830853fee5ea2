/** "Jun 2, 2026" in the reader's locale. */
export const formatDate = (iso: string) =>
  new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

/** "1 stage", "3 stages". */
export const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** "1 person is", "3 people are": the start of a sentence about who a change touches. */
export const peopleAre = (count: number) => (count === 1 ? '1 person is' : `${count} people are`);

/** "Jun 2, 2026, 14:05" in the reader's locale and time zone. */
export const formatDateTime = (iso: string) =>
  new Date(iso).toLocaleString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });

/** A score as people read it: at most two decimals, no trailing zeros ("82.5", "75"). */
export const formatScore = (score: number) => String(Math.round(score * 100) / 100);
