CREATE TABLE `session_answers` (
	`workspace_id` text NOT NULL,
	`session_id` text NOT NULL,
	`question_id` text NOT NULL,
	`text` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`workspace_id`, `session_id`, `question_id`),
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `session_submissions` (
	`workspace_id` text NOT NULL,
	`session_id` text NOT NULL,
	`submitted_at` text NOT NULL,
	`questions` text NOT NULL,
	PRIMARY KEY(`workspace_id`, `session_id`),
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `evaluation_stages` ADD `question_set` text DEFAULT '[]' NOT NULL;