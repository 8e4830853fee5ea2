CREATE TABLE `portal_notice_settings` (
	`workspace_id` text PRIMARY KEY NOT NULL,
	`organization` text,
	`contact` text,
	`transcript_retention_days` integer,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_decisions` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`participant_id` text NOT NULL,
	`stage_id` text NOT NULL,
	`session_id` text,
	`reason` text NOT NULL,
	`suggested` text,
	`status` text NOT NULL,
	`outcome` text,
	`note` text,
	`decided_by` text,
	`decided_at` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`workspace_id`,`participant_id`) REFERENCES `participants`(`workspace_id`,`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_decisions`("id", "workspace_id", "participant_id", "stage_id", "session_id", "reason", "suggested", "status", "outcome", "note", "decided_by", "decided_at", "created_at") SELECT "id", "workspace_id", "participant_id", "stage_id", "session_id", "reason", "suggested", "status", "outcome", "note", "decided_by", "decided_at", "created_at" FROM `decisions`;--> statement-breakpoint
DROP TABLE `decisions`;--> statement-breakpoint
ALTER TABLE `__new_decisions` RENAME TO `decisions`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `decisions_workspace_status_created_idx` ON `decisions` (`workspace_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `decisions_workspace_participant_idx` ON `decisions` (`workspace_id`,`participant_id`);--> statement-breakpoint
ALTER TABLE `stage_progress` ADD `consent` text;