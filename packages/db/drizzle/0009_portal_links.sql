CREATE TABLE `portal_links` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`participant_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`expires_at` text NOT NULL,
	`revoked_at` text,
	`last_opened_at` text,
	FOREIGN KEY (`workspace_id`,`participant_id`) REFERENCES `participants`(`workspace_id`,`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `portal_links_workspace_participant_idx` ON `portal_links` (`workspace_id`,`participant_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `portal_links_token_hash_uq` ON `portal_links` (`token_hash`);