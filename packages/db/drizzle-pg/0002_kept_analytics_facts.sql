DROP INDEX "sessions_workspace_stage_status_idx";--> statement-breakpoint
DROP INDEX "stage_progress_workspace_stage_idx";--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "result_score" double precision;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "result_passed" bigint;--> statement-breakpoint
-- Results already stored get the facts every command now writes with them (the domain's resultFactsOf).
UPDATE "sessions" SET
  "result_score" = CASE WHEN "status" = 'completed' AND "scorecard" IS NOT NULL
    THEN ("scorecard"->>'overall_score')::float8 END,
  "result_passed" = CASE WHEN "status" = 'completed' AND "scorecard" IS NOT NULL
    THEN ("scorecard"->>'passed')::boolean::int END;--> statement-breakpoint
ALTER TABLE "stage_progress" ADD COLUMN "funnel_exit" text DEFAULT 'still_there' NOT NULL;--> statement-breakpoint
ALTER TABLE "stage_progress" ADD COLUMN "stay_ms" bigint;--> statement-breakpoint
-- The stays already stored get the facts every command now writes with them (the domain's stayFactsOf; the
-- analytics funnel's SQL says the same for many rows at once). Stays entered in one millisecond are told apart
-- by the order their stage_entered events were logged, as the funnel's SQL does.
UPDATE "stage_progress" sp SET
  "stay_ms" = CASE WHEN sp."left_at" IS NULL THEN NULL
    ELSE round(extract(epoch from (sp."left_at"::timestamptz - sp."entered_at"::timestamptz)) * 1000)::bigint END,
  "funnel_exit" = CASE
    WHEN sp."left_at" IS NULL THEN 'still_there'
    WHEN p."status" IN ('rejected', 'withdrawn') AND NOT EXISTS (
        SELECT 1 FROM "stage_progress" later
        WHERE later."workspace_id" = sp."workspace_id" AND later."participant_id" = sp."participant_id"
          AND (later."entered_at" > sp."entered_at" COLLATE "C"
            OR (later."entered_at" = sp."entered_at"
              AND (SELECT max(e."seq") FROM "events" e WHERE e."workspace_id" = later."workspace_id"
                AND e."participant_id" = later."participant_id" AND e."type" = 'stage_entered'
                AND e."data"->>'stage_id' = later."stage_id")
              > (SELECT max(e."seq") FROM "events" e WHERE e."workspace_id" = sp."workspace_id"
                AND e."participant_id" = sp."participant_id" AND e."type" = 'stage_entered'
                AND e."data"->>'stage_id' = sp."stage_id"))))
      THEN p."status"
    WHEN sp."state" <> 'passed' OR EXISTS (SELECT 1 FROM "decisions" d WHERE d."workspace_id" = sp."workspace_id"
        AND d."participant_id" = sp."participant_id" AND d."stage_id" = sp."stage_id" AND d."outcome" = 'advance')
      THEN 'advanced_by_reviewer'
    ELSE 'passed' END
FROM "participants" p
WHERE p."workspace_id" = sp."workspace_id" AND p."id" = sp."participant_id";--> statement-breakpoint
CREATE INDEX "stage_progress_workspace_stage_stay_idx" ON "stage_progress" USING btree ("workspace_id","stage_id","stay_ms") WHERE "stage_progress"."stay_ms" is not null;--> statement-breakpoint
CREATE INDEX "sessions_workspace_stage_status_idx" ON "sessions" USING btree ("workspace_id","stage_id","status","result_score","result_passed");--> statement-breakpoint
CREATE INDEX "stage_progress_workspace_stage_idx" ON "stage_progress" USING btree ("workspace_id","stage_id","state","funnel_exit");