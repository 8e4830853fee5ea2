/**
 * The seed document's example pipeline, as it prints it (docs/entities.md#the-seed): Phone Screen at 60
 * advancing automatically, Technical at 75 awaiting a reviewer, a Final review at 80. The dashboard offers
 * it as a starting point for Import JSON, the API documents the import with it, and tests import it.
 */
export const SEED_EXAMPLE_STAGES = [
  {
    stage_name: 'Phone Screen',
    stage_type: 'ai_interview',
    stage_order: 0,
    pass_threshold: 60,
    automation_rule: 'auto_advance',
  },
  {
    stage_name: 'Technical',
    stage_type: 'ai_interview',
    stage_order: 1,
    pass_threshold: 75,
    automation_rule: 'require_reviewer_approval',
  },
  { stage_name: 'Final', stage_type: 'final_review', stage_order: 2, pass_threshold: 80 },
] as const;
