import { lazy } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { AuthLayout } from '../features/account/AuthLayout.tsx';
import { RequireAccount } from '../features/account/RequireAccount.tsx';
import { AppShell } from './AppShell.tsx';
import { AgentProfileCrumb, ParticipantCrumb, TemplateCrumb } from './crumbs.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { RouteErrorPage } from './RouteErrorPage.tsx';

/* Each feature arrives with its route, so the first page load carries only the shell. */
const TemplatesPage = lazy(() => import('../features/templates/TemplatesPage.tsx'));
const TemplatePage = lazy(() => import('../features/templates/TemplatePage.tsx'));
const AgentProfilesPage = lazy(() => import('../features/agent-profiles/AgentProfilesPage.tsx'));
const AgentProfileEditorPage = lazy(() => import('../features/agent-profiles/AgentProfileEditorPage.tsx'));
const TemplateBoardPage = lazy(() => import('../features/board/TemplateBoardPage.tsx'));
const ParticipantsPage = lazy(() => import('../features/participants/ParticipantsPage.tsx'));
const ParticipantPage = lazy(() => import('../features/participants/ParticipantPage.tsx'));
const DecisionsPage = lazy(() => import('../features/decisions/DecisionsPage.tsx'));
const AnalyticsPage = lazy(() => import('../features/analytics/AnalyticsPage.tsx'));
const AdverseImpactPage = lazy(() => import('../features/analytics/AdverseImpactPage.tsx'));
const MembersPage = lazy(() => import('../features/settings/MembersPage.tsx'));
const PortalNoticePage = lazy(() => import('../features/settings/PortalNoticePage.tsx'));
const SettingsLayout = lazy(() => import('../features/settings/SettingsLayout.tsx'));
const InterviewerModelPage = lazy(() => import('../features/settings/InterviewerModelPage.tsx'));
const ApiDocsPage = lazy(() => import('../features/api-docs/ApiDocsPage.tsx'));
const ApiKeysPage = lazy(() => import('../features/developer/ApiKeysPage.tsx'));
const DeveloperLayout = lazy(() => import('../features/developer/DeveloperLayout.tsx'));
const WebhooksPage = lazy(() => import('../features/webhooks/WebhooksPage.tsx'));
const WebhookEndpointPage = lazy(() => import('../features/webhooks/WebhookEndpointPage.tsx'));
const MailOutboxPage = lazy(() => import('../features/mail/MailOutboxPage.tsx'));
const NotificationsPage = lazy(() => import('../features/settings/NotificationsPage.tsx'));
const SignInPage = lazy(() => import('../features/account/SignInPage.tsx'));
const SignUpPage = lazy(() => import('../features/account/SignUpPage.tsx'));
const CreateWorkspacePage = lazy(() => import('../features/account/CreateWorkspacePage.tsx'));
const InvitePage = lazy(() => import('../features/account/InvitePage.tsx'));

const templatesCrumb = { crumb: { label: 'Evaluation Templates', to: '/templates' } };
const profilesCrumb = { crumb: { label: 'Agent Profiles', to: '/agent-profiles' } };

export const router = createBrowserRouter([
  // Pages for people not (yet) in a workspace: no shell, no guard.
  {
    element: <AuthLayout />,
    errorElement: <RouteErrorPage />,
    children: [
      { path: 'sign-in', element: <SignInPage /> },
      { path: 'sign-up', element: <SignUpPage /> },
      { path: 'workspaces/new', element: <CreateWorkspacePage /> },
      { path: 'invite/:invitationId', element: <InvitePage /> },
    ],
  },
  {
    // Everything in the shell needs a signed-in member of a workspace.
    element: (
      <RequireAccount>
        <AppShell />
      </RequireAccount>
    ),
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: <Navigate to="/templates" replace /> },
      {
        path: 'templates',
        handle: templatesCrumb,
        children: [
          { index: true, element: <TemplatesPage /> },
          {
            path: ':templateId',
            handle: { crumb: { label: <TemplateCrumb />, to: '.' } },
            children: [
              { index: true, element: <TemplatePage /> },
              { path: 'board', element: <TemplateBoardPage />, handle: { crumb: { label: 'Board', to: '.' } } },
            ],
          },
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
      {
        path: 'participants',
        handle: { crumb: { label: 'Participants', to: '/participants' } },
        children: [
          { index: true, element: <ParticipantsPage /> },
          {
            path: ':participantId',
            element: <ParticipantPage />,
            handle: { crumb: { label: <ParticipantCrumb />, to: '.' } },
          },
        ],
      },
      { path: 'decisions', element: <DecisionsPage />, handle: { crumb: { label: 'Decisions', to: '/decisions' } } },
      {
        path: 'analytics',
        handle: { crumb: { label: 'Analytics', to: '/analytics' } },
        children: [
          { index: true, element: <AnalyticsPage /> },
          {
            path: 'adverse-impact',
            element: <AdverseImpactPage />,
            handle: { crumb: { label: 'Adverse impact', to: '.' } },
          },
        ],
      },
      {
        path: 'developer',
        element: <DeveloperLayout />,
        handle: { crumb: { label: 'Developer', to: '/developer' } },
        children: [
          { index: true, element: <Navigate to="api-keys" replace /> },
          { path: 'api-keys', element: <ApiKeysPage />, handle: { crumb: { label: 'API keys', to: '.' } } },
          {
            path: 'webhooks',
            handle: { crumb: { label: 'Webhooks', to: '/developer/webhooks' } },
            children: [
              { index: true, element: <WebhooksPage /> },
              {
                path: ':endpointId',
                element: <WebhookEndpointPage />,
                handle: { crumb: { label: 'Endpoint', to: '.' } },
              },
            ],
          },
          { path: 'api-docs', element: <ApiDocsPage />, handle: { crumb: { label: 'API docs', to: '.' } } },
          { path: 'mail', element: <MailOutboxPage />, handle: { crumb: { label: 'Mail', to: '.' } } },
        ],
      },
      {
        path: 'settings',
        element: <SettingsLayout />,
        handle: { crumb: { label: 'Settings', to: '/settings' } },
        children: [
          { index: true, element: <Navigate to="members" replace /> },
          { path: 'members', element: <MembersPage />, handle: { crumb: { label: 'Members', to: '.' } } },
          {
            path: 'portal-notice',
            element: <PortalNoticePage />,
            handle: { crumb: { label: 'Portal notice', to: '.' } },
          },
          {
            path: 'interviewer-model',
            element: <InterviewerModelPage />,
            handle: { crumb: { label: 'Interviewer model', to: '.' } },
          },
          {
            path: 'notifications',
            element: <NotificationsPage />,
            handle: { crumb: { label: 'Notifications', to: '.' } },
          },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
