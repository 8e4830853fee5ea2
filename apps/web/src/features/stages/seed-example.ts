/** The seed's example pipeline, as its documentation prints it: offered as a starting point for Import JSON. */
export const SEED_EXAMPLE_JSON = `[
  { "stage_name": "Phone Screen", "stage_type": "ai_interview", "stage_order": 0, "pass_threshold": 60, "automation_rule": "auto_advance" },
  { "stage_name": "Technical",    "stage_type": "ai_interview", "stage_order": 1, "pass_threshold": 75, "automation_rule": "require_reviewer_approval" },
  { "stage_name": "Final",        "stage_type": "final_review",  "stage_order": 2, "pass_threshold": 80 }
]`;
