DROP INDEX `sessions_workspace_stage_status_idx`;--> statement-breakpoint
ALTER TABLE `sessions` ADD `result_score` real;--> statement-breakpoint
ALTER TABLE `sessions` ADD `result_passed` integer;--> statement-breakpoint
-- Results already stored get the facts every command now writes with them (the domain's resultFactsOf).
UPDATE `sessions` SET
  `result_score` = CASE WHEN `status` = 'completed' AND `scorecard` IS NOT NULL
    THEN json_extract(`scorecard`, '$.overall_score') END,
  `result_passed` = CASE WHEN `status` = 'completed' AND `scorecard` IS NOT NULL
    THEN json_extract(`scorecard`, '$.passed') END;--> statement-breakpoint
CREATE INDEX `sessions_workspace_stage_status_idx` ON `sessions` (`workspace_id`,`stage_id`,`status`,`result_score`,`result_passed`);--> statement-breakpoint
DROP INDEX `stage_progress_workspace_stage_idx`;--> statement-breakpoint
ALTER TABLE `stage_progress` ADD `funnel_exit` text DEFAULT 'still_there' NOT NULL;--> statement-breakpoint
ALTER TABLE `stage_progress` ADD `stay_ms` integer;--> statement-breakpoint
-- The stays already stored get the facts every command now writes with them (the domain's stayFactsOf; the
-- analytics funnel's SQL says the same for many rows at once).
UPDATE `stage_progress` SET
  `stay_ms` = CASE WHEN `left_at` IS NULL THEN NULL
    ELSE CAST(round((julianday(`left_at`) - julianday(`entered_at`)) * 86400000.0) AS integer) END,
  `funnel_exit` = CASE
    WHEN `left_at` IS NULL THEN 'still_there'
    WHEN (SELECT p.`status` FROM `participants` p WHERE p.`workspace_id` = `stage_progress`.`workspace_id`
        AND p.`id` = `stage_progress`.`participant_id`) IN ('rejected', 'withdrawn')
      AND NOT EXISTS (SELECT 1 FROM `stage_progress` later WHERE later.`workspace_id` = `stage_progress`.`workspace_id`
        AND later.`participant_id` = `stage_progress`.`participant_id`
        AND (later.`entered_at` > `stage_progress`.`entered_at`
          OR (later.`entered_at` = `stage_progress`.`entered_at` AND later.rowid > `stage_progress`.rowid)))
      THEN (SELECT p.`status` FROM `participants` p WHERE p.`workspace_id` = `stage_progress`.`workspace_id`
        AND p.`id` = `stage_progress`.`participant_id`)
    WHEN `state` <> 'passed' OR EXISTS (SELECT 1 FROM `decisions` d WHERE d.`workspace_id` = `stage_progress`.`workspace_id`
        AND d.`participant_id` = `stage_progress`.`participant_id` AND d.`stage_id` = `stage_progress`.`stage_id`
        AND d.`outcome` = 'advance')
      THEN 'advanced_by_reviewer'
    ELSE 'passed' END;--> statement-breakpoint
CREATE INDEX `stage_progress_workspace_stage_stay_idx` ON `stage_progress` (`workspace_id`,`stage_id`,`stay_ms`) WHERE "stage_progress"."stay_ms" is not null;--> statement-breakpoint
CREATE INDEX `stage_progress_workspace_stage_idx` ON `stage_progress` (`workspace_id`,`stage_id`,`state`,`funnel_exit`);