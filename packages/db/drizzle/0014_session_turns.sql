CREATE TABLE `session_turns` (
	`workspace_id` text NOT NULL,
	`session_id` text NOT NULL,
	`idx` integer NOT NULL,
	`speaker` text NOT NULL,
	`text` text NOT NULL,
	`at` text NOT NULL,
	`source` text,
	`prompt_version` text,
	`ended_by` text,
	`client_key` text,
	PRIMARY KEY(`workspace_id`, `session_id`, `idx`),
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `session_turns_client_key_uq` ON `session_turns` (`workspace_id`,`session_id`,`client_key`) WHERE "session_turns"."client_key" is not null;