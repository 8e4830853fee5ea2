ALTER TABLE `bulk_actions` ADD `lease_owner` text;--> statement-breakpoint
ALTER TABLE `bulk_actions` ADD `lease_expires_at` text;