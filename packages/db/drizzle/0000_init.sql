CREATE TABLE `agent_profiles` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`name` text NOT NULL,
	`persona` text NOT NULL,
	`use_case` text NOT NULL,
	`evaluation_dimensions` text NOT NULL,
	`interaction` text NOT NULL,
	`scoring` text NOT NULL,
	`context` text NOT NULL,
	`output` text NOT NULL,
	`additional_instructions` text,
	`status` text DEFAULT 'active' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `agent_profiles_workspace_status_idx` ON `agent_profiles` (`workspace_id`,`status`,`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `agent_profiles_workspace_id_uq` ON `agent_profiles` (`workspace_id`,`id`);--> statement-breakpoint
CREATE TABLE `evaluation_stages` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`evaluation_template_id` text NOT NULL,
	`type` text NOT NULL,
	`stage_name` text NOT NULL,
	`stage_type` text NOT NULL,
	`agent_profile_id` text,
	`stage_order` integer,
	`duration_minutes` integer NOT NULL,
	`difficulty` text NOT NULL,
	`pass_threshold` real,
	`allow_retake` integer NOT NULL,
	`max_attempts` integer NOT NULL,
	`retake_cooldown_hours` integer NOT NULL,
	`automation_rule` text NOT NULL,
	`auto_reject` integer NOT NULL,
	`status` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`workspace_id`,`evaluation_template_id`) REFERENCES `evaluation_templates`(`workspace_id`,`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`workspace_id`,`agent_profile_id`) REFERENCES `agent_profiles`(`workspace_id`,`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `evaluation_stages_workspace_template_order_idx` ON `evaluation_stages` (`workspace_id`,`evaluation_template_id`,`stage_order`);--> statement-breakpoint
CREATE INDEX `evaluation_stages_workspace_agent_idx` ON `evaluation_stages` (`workspace_id`,`agent_profile_id`);--> statement-breakpoint
CREATE TABLE `evaluation_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`template_name` text NOT NULL,
	`use_case` text NOT NULL,
	`description` text,
	`objective` text,
	`success_outcome` text NOT NULL,
	`custom_outcome_labels` text,
	`status` text NOT NULL,
	`industry` text,
	`level` text,
	`requirements` text,
	`skills` text NOT NULL,
	`soft_skills` text NOT NULL,
	`ai_context` text,
	`default_duration_minutes` integer NOT NULL,
	`default_difficulty` text NOT NULL,
	`language` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `evaluation_templates_workspace_status_idx` ON `evaluation_templates` (`workspace_id`,`status`,`updated_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `evaluation_templates_workspace_id_uq` ON `evaluation_templates` (`workspace_id`,`id`);--> statement-breakpoint
CREATE TABLE `workspaces` (
	`id` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `workspaces_slug_unique` ON `workspaces` (`slug`);