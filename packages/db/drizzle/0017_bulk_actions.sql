CREATE TABLE `bulk_action_items` (
	`workspace_id` text NOT NULL,
	`bulk_action_id` text NOT NULL,
	`position` integer NOT NULL,
	`participant_id` text NOT NULL,
	`name` text,
	`outcome` text NOT NULL,
	`summary` text,
	`reason` text,
	`code` text,
	`field` text,
	`processed_at` text,
	PRIMARY KEY(`bulk_action_id`, `position`),
	FOREIGN KEY (`workspace_id`,`bulk_action_id`) REFERENCES `bulk_actions`(`workspace_id`,`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `bulk_action_items_workspace_action_outcome_idx` ON `bulk_action_items` (`workspace_id`,`bulk_action_id`,`outcome`);--> statement-breakpoint
CREATE TABLE `bulk_actions` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`action` text NOT NULL,
	`request` text NOT NULL,
	`filter` text,
	`status` text NOT NULL,
	`total` integer NOT NULL,
	`processed` integer DEFAULT 0 NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`finished_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bulk_actions_workspace_id_uq` ON `bulk_actions` (`workspace_id`,`id`);--> statement-breakpoint
CREATE INDEX `bulk_actions_status_idx` ON `bulk_actions` (`status`,`created_at`);--> statement-breakpoint
ALTER TABLE `events` ADD `bulk_action_id` text;