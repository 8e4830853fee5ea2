/** The sidebar's sections; the sidebar renders whatever this list holds. */
export interface NavItem {
  to: string;
  label: string;
  icon: 'templates' | 'profiles' | 'participants' | 'decisions' | 'analytics' | 'developer' | 'settings';
  /** A live count beside the label. */
  badge?: 'open-decisions';
}

export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/templates', label: 'Evaluation Templates', icon: 'templates' },
  { to: '/agent-profiles', label: 'Agent Profiles', icon: 'profiles' },
  { to: '/participants', label: 'Participants', icon: 'participants' },
  { to: '/decisions', label: 'Decisions', icon: 'decisions', badge: 'open-decisions' },
  { to: '/analytics', label: 'Analytics', icon: 'analytics' },
  { to: '/developer', label: 'Developer', icon: 'developer' },
  // Settings stays last: new sections go above it.
  { to: '/settings', label: 'Settings', icon: 'settings' },
];
