CREATE TABLE `insight_decline_reason_years` (
	`area_slug` text NOT NULL,
	`year` integer NOT NULL,
	`category` text NOT NULL,
	`reason` text NOT NULL,
	`buyer_id` integer NOT NULL,
	`months_mask` integer NOT NULL,
	`declines` integer NOT NULL,
	PRIMARY KEY(`area_slug`, `year`, `category`, `reason`, `buyer_id`)
);
--> statement-breakpoint
ALTER TABLE `orders` ADD `decline_reason` text;