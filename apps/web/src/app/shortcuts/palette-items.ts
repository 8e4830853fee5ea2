import { NAV_ITEMS } from '../navigation.ts';

/** One thing the command palette can jump to. */
export interface PaletteItem {
  /** Unique within the palette: the option's id is made from it. */
  readonly key: string;
  readonly label: string;
  /** A second line, e.g. a participant's email or a template's status. */
  readonly detail?: string | undefined;
  readonly path: string;
}

export interface PaletteGroup {
  readonly title: string;
  readonly items: readonly PaletteItem[];
}

/** The most options a group shows: the palette is for jumping, the lists are for browsing. */
export const PER_GROUP = 6;

/** Every page of the sidebar, then the pages inside its sections. */
export const PAGE_ITEMS: readonly PaletteItem[] = [
  ...NAV_ITEMS.map((item) => ({ key: `page:${item.to}`, label: item.label, path: item.to })),
  { key: 'page:new-profile', label: 'New agent profile', detail: 'Agent Profiles', path: '/agent-profiles/new' },
  { key: 'page:api-keys', label: 'API keys', detail: 'Developer', path: '/developer/api-keys' },
  { key: 'page:api-docs', label: 'API docs', detail: 'Developer', path: '/developer/api-docs' },
  { key: 'page:mail', label: 'Mail', detail: 'Developer', path: '/developer/mail' },
  { key: 'page:members', label: 'Members', detail: 'Settings', path: '/settings/members' },
  { key: 'page:portal-notice', label: 'Portal notice', detail: 'Settings', path: '/settings/portal-notice' },
  { key: 'page:notifications', label: 'Notifications', detail: 'Settings', path: '/settings/notifications' },
  {
    key: 'page:interviewer-model',
    label: 'Interviewer model',
    detail: 'Settings',
    path: '/settings/interviewer-model',
  },
];

const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/** Every word of the query is somewhere in the label or its detail, ignoring case and accents. */
export function matchesQuery(item: Pick<PaletteItem, 'label' | 'detail'>, query: string): boolean {
  const haystack = fold(`${item.label} ${item.detail ?? ''}`);
  return fold(query)
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

/** The groups with what matches, at most PER_GROUP each, empty groups left out. */
export function filterGroups(groups: readonly PaletteGroup[], query: string): PaletteGroup[] {
  return groups
    .map((group) => ({ ...group, items: group.items.filter((i) => matchesQuery(i, query)).slice(0, PER_GROUP) }))
    .filter((group) => group.items.length > 0);
}
