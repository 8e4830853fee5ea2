/**
 * The sidebar's sections. Later issues add Participants, Decisions (with its open count), Analytics,
 * Developer and Settings here; the sidebar renders whatever this list holds.
 */
export interface NavItem {
  to: string;
  label: string;
  icon: 'templates' | 'profiles' | 'settings';
}

export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/templates', label: 'Evaluation Templates', icon: 'templates' },
  { to: '/agent-profiles', label: 'Agent Profiles', icon: 'profiles' },
  // Settings stays last: new sections go above it.
  { to: '/settings', label: 'Settings', icon: 'settings' },
];
