CREATE TABLE `member_grants` (
	`workspace_id` text NOT NULL,
	`user_id` text NOT NULL,
	`scope` text NOT NULL,
	`granted_at` text NOT NULL,
	`granted_by` text NOT NULL,
	PRIMARY KEY(`workspace_id`, `user_id`, `scope`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `self_identifications` (
	`workspace_id` text NOT NULL,
	`participant_id` text NOT NULL,
	`sex` text NOT NULL,
	`race_ethnicity` text NOT NULL,
	`recorded_at` text NOT NULL,
	`recorded_by` text NOT NULL,
	PRIMARY KEY(`workspace_id`, `participant_id`),
	FOREIGN KEY (`workspace_id`,`participant_id`) REFERENCES `participants`(`workspace_id`,`id`) ON UPDATE no action ON DELETE cascade
);
