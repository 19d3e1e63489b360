CREATE TABLE `consortium_contracts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`offer_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	`members_at_start` integer NOT NULL,
	`unit_price_pence` integer NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`committed_at` text NOT NULL,
	FOREIGN KEY (`offer_id`) REFERENCES `consortium_offers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `consortium_contracts_offer_idx` ON `consortium_contracts` (`offer_id`);--> statement-breakpoint
CREATE TABLE `consortium_interests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`holder_id` integer NOT NULL,
	`category` text NOT NULL,
	`area_slug` text NOT NULL,
	`display_name` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`holder_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`area_slug`) REFERENCES `local_authorities`(`slug`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `consortium_interests_one_idx` ON `consortium_interests` (`holder_id`,`category`,`area_slug`);--> statement-breakpoint
CREATE INDEX `consortium_interests_match_idx` ON `consortium_interests` (`category`,`area_slug`);--> statement-breakpoint
CREATE TABLE `consortium_notices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`offer_id` integer NOT NULL,
	`holder_id` integer,
	`body` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`offer_id`) REFERENCES `consortium_offers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`holder_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `consortium_notices_offer_idx` ON `consortium_notices` (`offer_id`,`id`);--> statement-breakpoint
CREATE TABLE `consortium_offers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`service_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	`opened_by` integer NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`category` text NOT NULL,
	`area_slug` text NOT NULL,
	`unit` text NOT NULL,
	`individual_price_pence` integer NOT NULL,
	`tiers` text NOT NULL,
	`min_members` integer NOT NULL,
	`max_members` integer NOT NULL,
	`quantity_hundredths` integer NOT NULL,
	`recurrence` text NOT NULL,
	`time_from` text,
	`time_to` text,
	`pledge_deadline` text NOT NULL,
	`starts_on` text NOT NULL,
	`term_weeks` integer NOT NULL,
	`notice_weeks` integer NOT NULL,
	`closed_at` text,
	`closing_reason` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`opened_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`area_slug`) REFERENCES `local_authorities`(`slug`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "consortium_offers_sizes" CHECK("consortium_offers"."min_members" >= 2 AND "consortium_offers"."max_members" >= "consortium_offers"."min_members" AND "consortium_offers"."quantity_hundredths" > 0 AND "consortium_offers"."term_weeks" > 0 AND "consortium_offers"."notice_weeks" >= 0)
);
--> statement-breakpoint
CREATE INDEX `consortium_offers_service_idx` ON `consortium_offers` (`service_id`,`status`);--> statement-breakpoint
CREATE INDEX `consortium_offers_due_idx` ON `consortium_offers` (`status`,`pledge_deadline`);--> statement-breakpoint
CREATE INDEX `consortium_offers_area_idx` ON `consortium_offers` (`area_slug`,`category`,`status`);--> statement-breakpoint
CREATE TABLE `consortium_pledges` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`offer_id` integer NOT NULL,
	`holder_id` integer NOT NULL,
	`pledged_by` integer NOT NULL,
	`budget_account_id` integer NOT NULL,
	`display_name` text NOT NULL,
	`status` text NOT NULL,
	`reservation_id` integer,
	`reserved_pence` integer DEFAULT 0 NOT NULL,
	`order_id` integer,
	`contract_id` integer,
	`agreed_price_pence` integer,
	`leaves_on` text,
	`status_reason` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`offer_id`) REFERENCES `consortium_offers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`holder_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pledged_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`budget_account_id`) REFERENCES `budget_accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reservation_id`) REFERENCES `reservations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contract_id`) REFERENCES `consortium_contracts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `consortium_pledges_offer_idx` ON `consortium_pledges` (`offer_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `consortium_pledges_holder_idx` ON `consortium_pledges` (`holder_id`,`status`);--> statement-breakpoint
CREATE UNIQUE INDEX `consortium_pledges_one_live_idx` ON `consortium_pledges` (`offer_id`,`holder_id`) WHERE "consortium_pledges"."status" IN ('pledged', 'waiting', 'member');