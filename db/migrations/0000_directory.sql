CREATE TABLE `categories` (
	`slug` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`blurb` text NOT NULL,
	`position` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `local_authorities` (
	`slug` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `organisations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`description` text NOT NULL,
	`phone` text,
	`email` text,
	`website` text,
	`address_line` text,
	`town_slug` text NOT NULL,
	`postcode` text,
	`lat` real NOT NULL,
	`lng` real NOT NULL,
	`area_served` text NOT NULL,
	`staff_count` integer,
	`cqc_location_id` text,
	`cqc_rating` text,
	`cqc_rating_date` text,
	`dbs_checked` integer DEFAULT false NOT NULL,
	`insured` integer DEFAULT false NOT NULL,
	`safeguarding_trained` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'published' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`town_slug`) REFERENCES `towns`(`slug`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `organisations_town_idx` ON `organisations` (`town_slug`);--> statement-breakpoint
CREATE TABLE `services` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`name` text NOT NULL,
	`category_slug` text NOT NULL,
	`description` text NOT NULL,
	`price_pence` integer NOT NULL,
	`price_unit` text NOT NULL,
	`delivery_modes` text NOT NULL,
	`availability` text NOT NULL,
	`capacity_free` integer,
	`accessibility` text NOT NULL,
	`languages` text NOT NULL,
	`payment_routes` text NOT NULL,
	`town_slug` text NOT NULL,
	`postcode` text,
	`lat` real NOT NULL,
	`lng` real NOT NULL,
	`radius_miles` integer NOT NULL,
	`status` text DEFAULT 'published' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`category_slug`) REFERENCES `categories`(`slug`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`town_slug`) REFERENCES `towns`(`slug`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `services_organisation_idx` ON `services` (`organisation_id`);--> statement-breakpoint
CREATE INDEX `services_category_idx` ON `services` (`category_slug`);--> statement-breakpoint
CREATE INDEX `services_town_idx` ON `services` (`town_slug`);--> statement-breakpoint
CREATE TABLE `suggestions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`service_name` text NOT NULL,
	`organisation_name` text,
	`category_slug` text NOT NULL,
	`description` text NOT NULL,
	`town_slug` text NOT NULL,
	`postcode` text,
	`delivery_modes` text NOT NULL,
	`days` text NOT NULL,
	`contact_phone` text,
	`contact_website` text,
	`suggester_email` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`reviewed_at` text,
	`review_note` text,
	FOREIGN KEY (`category_slug`) REFERENCES `categories`(`slug`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`town_slug`) REFERENCES `towns`(`slug`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `suggestions_status_idx` ON `suggestions` (`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `towns` (
	`slug` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`area_slug` text NOT NULL,
	`lat` real NOT NULL,
	`lng` real NOT NULL,
	FOREIGN KEY (`area_slug`) REFERENCES `local_authorities`(`slug`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `search_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`query` text NOT NULL,
	`filters` text NOT NULL,
	`area_slug` text,
	`town_slug` text,
	`result_count` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `search_log_area_at_idx` ON `search_log` (`area_slug`,`at`);--> statement-breakpoint
CREATE TABLE `search_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`service_id` integer NOT NULL,
	`op` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`done_at` text,
	`last_error` text,
	`task_id` text
);
--> statement-breakpoint
CREATE INDEX `search_outbox_pending_idx` ON `search_outbox` (`done_at`,`next_attempt_at`);