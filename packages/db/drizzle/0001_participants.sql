CREATE TABLE `decisions` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`participant_id` text NOT NULL,
	`stage_id` text NOT NULL,
	`session_id` text NOT NULL,
	`reason` text NOT NULL,
	`suggested` text NOT NULL,
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
CREATE INDEX `decisions_workspace_status_created_idx` ON `decisions` (`workspace_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `decisions_workspace_participant_idx` ON `decisions` (`workspace_id`,`participant_id`);--> statement-breakpoint
CREATE TABLE `events` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`participant_id` text,
	`evaluation_template_id` text,
	`type` text NOT NULL,
	`actor` text NOT NULL,
	`occurred_at` text NOT NULL,
	`data` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `events_workspace_participant_idx` ON `events` (`workspace_id`,`participant_id`,`seq`);--> statement-breakpoint
CREATE INDEX `events_workspace_template_idx` ON `events` (`workspace_id`,`evaluation_template_id`,`seq`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`workspace_id` text NOT NULL,
	`key` text NOT NULL,
	`scope` text NOT NULL,
	`request_hash` text NOT NULL,
	`response` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`workspace_id`, `key`)
);
--> statement-breakpoint
CREATE TABLE `participants` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`evaluation_template_id` text NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`external_id` text,
	`phone` text,
	`tags` text NOT NULL,
	`profile` text NOT NULL,
	`background` text NOT NULL,
	`metadata` text NOT NULL,
	`status` text NOT NULL,
	`current_stage_id` text,
	`recommendation` text,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`workspace_id`,`evaluation_template_id`) REFERENCES `evaluation_templates`(`workspace_id`,`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `participants_workspace_template_email_uq` ON `participants` (`workspace_id`,`evaluation_template_id`,`email`);--> statement-breakpoint
CREATE INDEX `participants_workspace_template_status_idx` ON `participants` (`workspace_id`,`evaluation_template_id`,`status`);--> statement-breakpoint
CREATE INDEX `participants_workspace_stage_idx` ON `participants` (`workspace_id`,`current_stage_id`);--> statement-breakpoint
CREATE INDEX `participants_workspace_created_idx` ON `participants` (`workspace_id`,`created_at`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `participants_workspace_id_uq` ON `participants` (`workspace_id`,`id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`participant_id` text NOT NULL,
	`stage_id` text NOT NULL,
	`attempt` integer NOT NULL,
	`status` text NOT NULL,
	`scheduled_at` text NOT NULL,
	`timezone` text NOT NULL,
	`started_at` text,
	`completed_at` text,
	`end_reason` text,
	`notes` text,
	`idempotency_key` text,
	`scorecard` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`workspace_id`,`participant_id`) REFERENCES `participants`(`workspace_id`,`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`stage_id`) REFERENCES `evaluation_stages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_workspace_participant_idx` ON `sessions` (`workspace_id`,`participant_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `sessions_workspace_stage_status_idx` ON `sessions` (`workspace_id`,`stage_id`,`status`);--> statement-breakpoint
CREATE UNIQUE INDEX `sessions_workspace_idempotency_uq` ON `sessions` (`workspace_id`,`idempotency_key`) WHERE "sessions"."idempotency_key" is not null;--> statement-breakpoint
CREATE TABLE `stage_progress` (
	`workspace_id` text NOT NULL,
	`participant_id` text NOT NULL,
	`stage_id` text NOT NULL,
	`state` text NOT NULL,
	`attempts_used` integer NOT NULL,
	`retakes_granted` integer NOT NULL,
	`entered_at` text NOT NULL,
	`left_at` text,
	`rules` text NOT NULL,
	PRIMARY KEY(`participant_id`, `stage_id`),
	FOREIGN KEY (`workspace_id`,`participant_id`) REFERENCES `participants`(`workspace_id`,`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`stage_id`) REFERENCES `evaluation_stages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `stage_progress_workspace_stage_idx` ON `stage_progress` (`workspace_id`,`stage_id`,`state`);