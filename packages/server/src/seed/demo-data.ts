import type { Db, Repositories } from '@stageflow/db';
import { portalCopy } from '@stageflow/domain';
import { participantActor } from '../application/portal-sessions.ts';
import { answerPortalSelfIdentification } from '../application/self-identification.ts';
import type { Principal } from '../auth/principal.ts';
import { createCaller } from '../caller.ts';
import { contextDeps, createInnerContext } from '../context.ts';
import { interviewerDeps } from '../interviewer/deps.ts';
import { createLogger } from '../logger.ts';
import { demoInterviews } from './demo-interview-play.ts';
import {
  DEMO_PORTAL_PARTICIPANT,
  type DemoClock,
  type SelfIdentify,
  seedDemoParticipants,
} from './demo-participants.ts';

/** The interviewers and templates are set up four weeks back, before the first demo participant arrived. */
const SETUP_DAYS_AGO = 30;

/**
 * Demo data goes in through the same procedures a user calls, so it can never be in a shape the
 * product could not produce itself. The seed document's example pipeline is imported as-is, and
 * people are then played through both pipelines over the weeks before `now` (demo-participants.ts).
 * Answers the id of the participant whose portal link each start prints (seed/demo-portal.ts).
 */
export async function seedDemoData(db: Db, repos: Repositories, owner: Principal, now: string) {
  const base = Date.parse(now);
  let clockMs = base - SETUP_DAYS_AGO * 24 * 3_600_000;
  const clock: DemoClock = {
    base,
    set: (ms) => {
      clockMs = Math.min(ms, base);
    },
  };
  const deps = contextDeps(db, repos, createLogger('silent'));
  const clockNow = () => new Date(clockMs).toISOString();
  const inner = createInnerContext(deps, owner, { now: clockNow });
  const api = createCaller(inner);
  // The voluntary questions are answered in the portal, as the participant: their timeline says so.
  const selfIdentify: SelfIdentify = (participantId, answers) =>
    answerPortalSelfIdentification(
      {
        storage: deps.storage,
        reads: deps.reads,
        workspaceId: owner.workspaceId ?? '',
        actor: participantActor(participantId),
        now: clockNow,
        newId: () => crypto.randomUUID(),
        copy: portalCopy('en'),
      },
      participantId,
      answers,
    );
  // The AI interviews run through the portal's own path; recorded answers stand in for the model
  // (demo-interviews.ts), so no model is set up or called.
  const interviews = demoInterviews(
    { ...inner, workspaceId: owner.workspaceId ?? '', actor: 'system' },
    interviewerDeps({ environment: null }),
  );

  const backendInterviewer = await api.agentProfiles.create({
    name: 'Ada — Backend Interviewer',
    persona:
      'I am Ada, a senior backend engineer. I will ask about systems you have built and how you reason about them.',
    use_case: 'hiring',
    evaluation_dimensions: [
      { name: 'System design', description: 'Decomposes a problem into services and data flows', weight: 40 },
      { name: 'Coding', description: 'Writes correct, readable code and tests it', weight: 35 },
      { name: 'Communication', description: 'Explains trade-offs clearly', weight: 25 },
    ],
    interaction: { tone: 'professional', style: 'structured', difficulty: 'hard', probing_depth: 'high' },
    scoring: { scale: '0-10', scoring_method: 'weighted_average' },
    context: { organization_context: 'A payments company with a Go and PostgreSQL stack.' },
  });
  const screener = await api.agentProfiles.create({
    name: 'Sam — Friendly Screener',
    persona: 'I am Sam. This is a short conversation about your background and what you are looking for.',
    use_case: 'hiring',
    evaluation_dimensions: [
      { name: 'Motivation', description: 'Why this role, why now', weight: 50 },
      { name: 'Experience fit', description: 'Relevant experience for the level', weight: 50 },
    ],
    interaction: { tone: 'friendly', style: 'conversational', difficulty: 'easy', probing_depth: 'low' },
    scoring: { scale: '0-5', scoring_method: 'weighted_average' },
  });

  const backend = await api.templates.create({
    template_name: 'Senior Backend Engineer',
    use_case: 'hiring',
    objective: 'Hire a senior engineer for the payments platform team.',
    industry: 'Fintech',
    level: 'Senior',
    skills: ['Go', 'PostgreSQL', 'Distributed systems'],
    soft_skills: ['Ownership', 'Clear writing'],
    default_duration_minutes: 45,
    default_difficulty: 'advanced',
  });
  await api.stages.import({
    evaluation_template_id: backend.id,
    stages: [
      {
        stage_name: 'Phone Screen',
        stage_type: 'ai_interview',
        stage_order: 0,
        pass_threshold: 60,
        automation_rule: 'auto_advance',
        agent_profile_id: screener.id,
        duration_minutes: 20,
      },
      {
        stage_name: 'Technical',
        stage_type: 'ai_interview',
        stage_order: 1,
        pass_threshold: 75,
        automation_rule: 'require_reviewer_approval',
        agent_profile_id: backendInterviewer.id,
        allow_retake: true,
        max_attempts: 2,
        retake_cooldown_hours: 24,
      },
      { stage_name: 'Final', stage_type: 'final_review', stage_order: 2, pass_threshold: 80 },
    ],
  });

  const training = await api.templates.create({
    template_name: 'Customer Support Onboarding',
    use_case: 'training',
    objective: 'Get new support agents ready for live tickets in two weeks.',
    skills: ['Ticket triage', 'Product knowledge'],
    soft_skills: ['Empathy'],
    default_difficulty: 'beginner',
  });
  await api.stages.import({
    evaluation_template_id: training.id,
    stages: [
      {
        stage_name: 'Product Basics',
        stage_type: 'async_assessment',
        pass_threshold: 70,
        automation_rule: 'auto_advance',
        allow_retake: true,
        max_attempts: 3,
        // A written assessment the demo's portal participant can answer (docs/entities.md#question-set).
        question_set: [
          { id: 'refund', prompt: 'A customer asks for a refund after 40 days. What do you tell them, and why?' },
          {
            id: 'outage',
            prompt: 'Write the first reply to a customer during an outage we have not fixed yet.',
            max_length: 1200,
          },
          { id: 'escalate', prompt: 'When do you hand a ticket to the next tier? Give two examples.', max_length: 800 },
        ],
      },
      {
        stage_name: 'Angry Customer Roleplay',
        stage_type: 'roleplay_simulation',
        pass_threshold: 65,
        automation_rule: 'auto_advance',
        agent_profile_id: screener.id,
        allow_retake: true,
      },
      {
        // No automation: a result leaves the trainee here, passed or failed, until a person moves them on.
        stage_name: 'Live Ticket Shadowing',
        stage_type: 'manual_review',
        pass_threshold: 70,
        automation_rule: 'none',
      },
      {
        stage_name: 'Team Lead Sign-off',
        stage_type: 'manual_review',
        pass_threshold: 75,
        automation_rule: 'require_reviewer_approval',
      },
    ],
  });

  const people = await seedDemoParticipants(
    api,
    clock,
    { backend: backend.id, training: training.id },
    { selfIdentify, interviews },
  );
  return { portalParticipantId: people.get(DEMO_PORTAL_PARTICIPANT) };
}
