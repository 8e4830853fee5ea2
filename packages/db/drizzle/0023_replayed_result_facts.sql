ALTER TABLE `sessions` ADD `result_scoring_method` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `result_below_min` integer;--> statement-breakpoint
ALTER TABLE `sessions` ADD `result_needs_review` integer;--> statement-breakpoint
-- Results already stored get the facts every command now writes with them (the domain's resultFactsOf).
UPDATE `sessions` SET
  `result_scoring_method` = json_extract(`scorecard`, '$.scoring_method'),
  `result_below_min` = coalesce(json_array_length(`scorecard`, '$.below_min_score'), 0),
  `result_needs_review` = coalesce(json_extract(`scorecard`, '$.needs_review'), 0)
WHERE `result_score` IS NOT NULL;--> statement-breakpoint
CREATE INDEX `sessions_workspace_stage_replay_idx` ON `sessions` (`workspace_id`,`stage_id`,`participant_id`,`attempt`,`id`,`completed_at`,`result_score`,`result_passed`,`result_scoring_method`,`result_below_min`,`result_needs_review`) WHERE "sessions"."result_score" is not null;