import { createStageflowClient } from '@stageflow/client';

const stageflow = createStageflowClient({
  url: process.env.STAGEFLOW_URL ?? 'http://localhost:3000',
  apiKey: process.env.STAGEFLOW_API_KEY ?? '',
});

// An interviewer for the AI-run stages, and a template.
const interviewer = await stageflow.agentProfiles.create.mutate({
  name: 'Ada',
  persona: 'A calm, precise senior engineer.',
  use_case: 'hiring',
  evaluation_dimensions: [
    { name: 'System design', weight: 60 },
    { name: 'Coding', weight: 40 },
  ],
});
const template = await stageflow.templates.create.mutate({
  template_name: 'Senior Backend Engineer',
  use_case: 'hiring',
});

// The seed's pipeline: Phone Screen → Technical → Final, a rising bar, a human check before the last round.
const stages = [
  {
    type: 'phone_screen',
    stage_name: 'Phone Screen',
    stage_type: 'ai_interview',
    stage_order: 0,
    pass_threshold: 60,
    automation_rule: 'auto_advance',
  },
  {
    type: 'technical',
    stage_name: 'Technical',
    stage_type: 'ai_interview',
    stage_order: 1,
    pass_threshold: 75,
    automation_rule: 'require_reviewer_approval',
  },
  { type: 'final', stage_name: 'Final', stage_type: 'final_review', stage_order: 2, pass_threshold: 80 },
] as const;
for (const stage of stages) {
  await stageflow.stages.create.mutate({
    evaluation_template_id: template.id,
    agent_profile_id: stage.stage_type === 'ai_interview' ? interviewer.id : null,
    ...stage,
  });
}

// Enroll a participant: they start at the first stage.
const jane = await stageflow.participants.create.mutate({
  evaluation_template_id: template.id,
  name: 'Jane Doe',
  email: 'jane@example.com',
  idempotency_key: 'enroll-jane-doe',
});

// Run and complete their phone screen: 8 and 7 out of 10 is 76, over the pass mark of 60.
const { session } = await stageflow.sessions.schedule.mutate({ participant_id: jane.id });
await stageflow.sessions.start.mutate({ session_id: session.id });
const completed = await stageflow.sessions.complete.mutate({
  session_id: session.id,
  dimension_scores: [
    { name: 'System design', score: 8, reasoning: 'Clear trade-offs' },
    { name: 'Coding', score: 7 },
  ],
});

const technical = completed.participant.progress.find((p) => p.left_at === null);
console.log(
  `${completed.participant.name} scored ${completed.session.scorecard?.overall_score} and moved on to stage ${technical?.stage_id}`,
);

export { completed, template };
