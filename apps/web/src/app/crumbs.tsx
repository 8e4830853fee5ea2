import { useParams } from 'react-router';
import { trpc } from './trpc.ts';

/*
 * Breadcrumb labels that name the record on screen. They read the page's own query from the cache
 * (same procedure and input), so they cost no extra request.
 */

export function TemplateCrumb() {
  const { templateId = '' } = useParams();
  const { data } = trpc.templates.byId.useQuery({ id: templateId }, { retry: false });
  return <>{data?.template_name ?? 'Template'}</>;
}

export function AgentProfileCrumb() {
  const { profileId = '' } = useParams();
  const { data } = trpc.agentProfiles.byId.useQuery({ id: profileId }, { retry: false });
  return <>{data?.name ?? 'Agent profile'}</>;
}

export function ParticipantCrumb() {
  const { participantId = '' } = useParams();
  const { data } = trpc.participants.byId.useQuery({ id: participantId }, { retry: false });
  return <>{data?.name ?? 'Participant'}</>;
}
