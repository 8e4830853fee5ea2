DROP INDEX `participants_workspace_template_status_idx`;--> statement-breakpoint
CREATE INDEX `participants_workspace_template_stage_idx` ON `participants` (`workspace_id`,`evaluation_template_id`,`status`,`current_stage_id`,`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `participants_workspace_template_status_idx` ON `participants` (`workspace_id`,`evaluation_template_id`,`status`,`updated_at`,`id`);--> statement-breakpoint
DROP INDEX `sessions_workspace_participant_idx`;--> statement-breakpoint
CREATE INDEX `sessions_workspace_participant_idx` ON `sessions` (`workspace_id`,`participant_id`,`stage_id`,`status`,`completed_at`);