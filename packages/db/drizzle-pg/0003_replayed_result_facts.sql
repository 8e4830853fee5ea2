ALTER TABLE "sessions" ADD COLUMN "result_scoring_method" text;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "result_below_min" bigint;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "result_needs_review" bigint;--> statement-breakpoint
-- Results already stored get the facts every command now writes with them (the domain's resultFactsOf).
UPDATE "sessions" SET
  "result_scoring_method" = "scorecard"->>'scoring_method',
  "result_below_min" = coalesce(json_array_length("scorecard"->'below_min_score'), 0),
  "result_needs_review" = coalesce(("scorecard"->>'needs_review')::boolean::int, 0)
WHERE "result_score" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "sessions_workspace_stage_replay_idx" ON "sessions" USING btree ("workspace_id","stage_id","participant_id","attempt","id","completed_at","result_score","result_passed","result_scoring_method","result_below_min","result_needs_review") WHERE "sessions"."result_score" is not null;