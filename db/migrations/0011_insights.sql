CREATE TABLE `insight_buyer_years` (
	`area_slug` text NOT NULL,
	`year` integer NOT NULL,
	`category` text NOT NULL,
	`town_slug` text NOT NULL,
	`unit` text NOT NULL,
	`buyer_id` integer NOT NULL,
	`months_mask` integer NOT NULL,
	PRIMARY KEY(`area_slug`, `year`, `category`, `town_slug`, `unit`, `buyer_id`)
);
--> statement-breakpoint
CREATE INDEX `insight_buyer_years_read_idx` ON `insight_buyer_years` (`area_slug`,`year`,`category`,`town_slug`,`unit`,`buyer_id`,`months_mask`);--> statement-breakpoint
CREATE INDEX `insight_buyer_years_buyer_idx` ON `insight_buyer_years` (`area_slug`,`buyer_id`,`year`,`category`,`unit`,`months_mask`);--> statement-breakpoint
CREATE TABLE `insight_decline_years` (
	`area_slug` text NOT NULL,
	`year` integer NOT NULL,
	`category` text NOT NULL,
	`town_slug` text NOT NULL,
	`buyer_id` integer NOT NULL,
	`months_mask` integer NOT NULL,
	`declines` integer NOT NULL,
	PRIMARY KEY(`area_slug`, `year`, `category`, `town_slug`, `buyer_id`)
);
--> statement-breakpoint
CREATE INDEX `insight_decline_years_read_idx` ON `insight_decline_years` (`area_slug`,`year`,`category`,`town_slug`,`buyer_id`,`months_mask`,`declines`);--> statement-breakpoint
CREATE TABLE `insight_people_months` (
	`area_slug` text NOT NULL,
	`month` text NOT NULL,
	`slice` text NOT NULL,
	`people` integer NOT NULL,
	PRIMARY KEY(`area_slug`, `slice`, `month`)
);
--> statement-breakpoint
CREATE TABLE `insight_price_months` (
	`area_slug` text NOT NULL,
	`month` text NOT NULL,
	`category` text NOT NULL,
	`unit` text NOT NULL,
	`price_pence` integer NOT NULL,
	`visits` integer NOT NULL,
	PRIMARY KEY(`area_slug`, `month`, `category`, `unit`, `price_pence`)
);
--> statement-breakpoint
CREATE INDEX `insight_price_months_read_idx` ON `insight_price_months` (`area_slug`,`month`,`category`,`unit`,`price_pence`,`visits`);--> statement-breakpoint
CREATE TABLE `insight_search_months` (
	`area_slug` text NOT NULL,
	`month` text NOT NULL,
	`category` text NOT NULL,
	`town_slug` text NOT NULL,
	`searches` integer NOT NULL,
	`no_results` integer NOT NULL,
	`few_results` integer NOT NULL,
	PRIMARY KEY(`area_slug`, `month`, `category`, `town_slug`)
);
--> statement-breakpoint
CREATE INDEX `insight_search_months_area_idx` ON `insight_search_months` (`area_slug`,`month`);--> statement-breakpoint
CREATE TABLE `insight_spend_months` (
	`area_slug` text NOT NULL,
	`month` text NOT NULL,
	`category` text NOT NULL,
	`town_slug` text NOT NULL,
	`organisation_id` integer NOT NULL,
	`organisation_kind` text NOT NULL,
	`unit` text NOT NULL,
	`arrangement` text NOT NULL,
	`spend_pence` integer NOT NULL,
	`visits` integer NOT NULL,
	`quantity_hundredths` integer NOT NULL,
	PRIMARY KEY(`area_slug`, `month`, `category`, `town_slug`, `organisation_id`, `unit`, `arrangement`)
);
--> statement-breakpoint
CREATE INDEX `insight_spend_months_read_idx` ON `insight_spend_months` (`area_slug`,`month`,`category`,`town_slug`,`organisation_id`,`organisation_kind`,`spend_pence`,`visits`);--> statement-breakpoint
CREATE TABLE `insight_watermarks` (
	`name` text PRIMARY KEY NOT NULL,
	`last_id` integer NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
