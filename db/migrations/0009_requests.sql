CREATE TABLE `peer_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`created_by` integer NOT NULL,
	`area_slug` text NOT NULL,
	`message` text NOT NULL,
	`status` text DEFAULT 'waiting' NOT NULL,
	`supporter_id` integer,
	`introduced_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`area_slug`) REFERENCES `local_authorities`(`slug`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`supporter_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `peer_requests_person_idx` ON `peer_requests` (`person_id`);--> statement-breakpoint
CREATE INDEX `peer_requests_supporter_idx` ON `peer_requests` (`supporter_id`);--> statement-breakpoint
CREATE INDEX `peer_requests_waiting_idx` ON `peer_requests` (`area_slug`,`status`);--> statement-breakpoint
CREATE TABLE `peer_supporters` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`area_slug` text NOT NULL,
	`about` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`withdrawn_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`area_slug`) REFERENCES `local_authorities`(`slug`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `peer_supporters_area_idx` ON `peer_supporters` (`area_slug`,`withdrawn_at`);--> statement-breakpoint
CREATE TABLE `request_offers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	`service_id` integer NOT NULL,
	`created_by` integer NOT NULL,
	`unit_price_pence` integer NOT NULL,
	`quantity_hundredths` integer NOT NULL,
	`recurrence` text NOT NULL,
	`starts_on` text NOT NULL,
	`time_from` text,
	`time_to` text,
	`message` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`enquiry_id` integer,
	`order_id` integer,
	`decided_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `support_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`enquiry_id`) REFERENCES `enquiries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "request_offers_amounts" CHECK("request_offers"."unit_price_pence" > 0 AND "request_offers"."quantity_hundredths" > 0)
);
--> statement-breakpoint
CREATE INDEX `request_offers_request_idx` ON `request_offers` (`request_id`,`id`);--> statement-breakpoint
CREATE INDEX `request_offers_organisation_idx` ON `request_offers` (`organisation_id`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `request_offers_one_open_idx` ON `request_offers` (`request_id`,`organisation_id`) WHERE "request_offers"."status" = 'open';--> statement-breakpoint
CREATE TABLE `support_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`person_id` integer NOT NULL,
	`created_by` integer NOT NULL,
	`category` text NOT NULL,
	`area_slug` text NOT NULL,
	`town_slug` text NOT NULL,
	`description` text NOT NULL,
	`when_text` text NOT NULL,
	`budget_min_pence` integer,
	`budget_max_pence` integer,
	`plan_id` integer,
	`budget_account_id` integer,
	`status` text DEFAULT 'open' NOT NULL,
	`expires_at` text NOT NULL,
	`closed_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`area_slug`) REFERENCES `local_authorities`(`slug`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`town_slug`) REFERENCES `towns`(`slug`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`plan_id`) REFERENCES `support_plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`budget_account_id`) REFERENCES `budget_accounts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "support_requests_budget" CHECK(("support_requests"."budget_min_pence" IS NULL OR "support_requests"."budget_min_pence" >= 0) AND ("support_requests"."budget_max_pence" IS NULL OR "support_requests"."budget_max_pence" >= coalesce("support_requests"."budget_min_pence", 0)))
);
--> statement-breakpoint
CREATE INDEX `support_requests_person_idx` ON `support_requests` (`person_id`,`id`);--> statement-breakpoint
CREATE INDEX `support_requests_open_idx` ON `support_requests` (`status`,`area_slug`,`category`,`expires_at`);--> statement-breakpoint
ALTER TABLE `enquiries` ADD `hides_buyer` integer DEFAULT false NOT NULL;