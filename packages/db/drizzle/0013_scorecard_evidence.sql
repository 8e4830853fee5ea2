CREATE TABLE `session_transcripts` (
	`session_id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`transcript` text NOT NULL,
	`kept_at` text NOT NULL,
	`kept_by` text NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `sessions` ADD `replaced_scorecards` text DEFAULT '[]' NOT NULL;