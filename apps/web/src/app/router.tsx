import { lazy } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { AppShell } from './AppShell.tsx';
import { AgentProfileCrumb, TemplateCrumb } from './crumbs.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { RouteErrorPage } from './RouteErrorPage.tsx';

/* Each feature arrives with its route, so the first page load carries only the shell. */
const TemplatesPage = lazy(() => import('../features/templates/TemplatesPage.tsx'));
const TemplatePage = lazy(() => import('../features/templates/TemplatePage.tsx'));
const AgentProfilesPage = lazy(() => import('../features/agent-profiles/AgentProfilesPage.tsx'));
const AgentProfileEditorPage = lazy(() => import('../features/agent-profiles/AgentProfileEditorPage.tsx'));

const templatesCrumb = { crumb: { label: 'Evaluation Templates', to: '/templates' } };
const profilesCrumb = { crumb: { label: 'Agent Profiles', to: '/agent-profiles' } };

export const router = createBrowserRouter([
  {
    element: <AppShell />,
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: <Navigate to="/templates" replace /> },
      {
        path: 'templates',
        handle: templatesCrumb,
        children: [
          { index: true, element: <TemplatesPage /> },
          { path: ':templateId', element: <TemplatePage />, handle: { crumb: { label: <TemplateCrumb />, to: '.' } } },
        ],
      },
      {
        path: 'agent-profiles',
        handle: profilesCrumb,
        children: [
          { index: true, element: <AgentProfilesPage /> },
          { path: 'new', element: <AgentProfileEditorPage />, handle: { crumb: { label: 'New profile', to: '.' } } },
          {
            path: ':profileId',
            element: <AgentProfileEditorPage />,
            handle: { crumb: { label: <AgentProfileCrumb />, to: '.' } },
          },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
