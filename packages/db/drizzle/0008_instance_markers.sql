CREATE TABLE `instance_markers` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`recorded_at` text NOT NULL
);
