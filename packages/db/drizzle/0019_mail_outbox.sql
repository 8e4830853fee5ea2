CREATE TABLE `mail_outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`kind` text NOT NULL,
	`to_address` text NOT NULL,
	`to_name` text,
	`language` text NOT NULL,
	`subject` text NOT NULL,
	`text_body` text NOT NULL,
	`html_body` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text,
	`last_error` text,
	`lease_owner` text,
	`lease_expires_at` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`sent_at` text,
	`smtp_message_id` text,
	`participant_id` text,
	`dedupe_key` text,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `mail_outbox_due_idx` ON `mail_outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `mail_outbox_workspace_created_idx` ON `mail_outbox` (`workspace_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `mail_outbox_dedupe_uq` ON `mail_outbox` (`workspace_id`,`dedupe_key`);--> statement-breakpoint
CREATE TABLE `mail_preferences` (
	`workspace_id` text NOT NULL,
	`user_id` text NOT NULL,
	`review_digest` integer DEFAULT false NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`workspace_id`, `user_id`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
