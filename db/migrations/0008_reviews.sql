CREATE TABLE `relationship_ratings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	`stars` integer NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`rated_by` integer NOT NULL,
	`submitted_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "relationship_ratings_stars" CHECK("relationship_ratings"."stars" BETWEEN 1 AND 5)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `relationship_ratings_order_idx` ON `relationship_ratings` (`order_id`);--> statement-breakpoint
CREATE TABLE `review_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`review_id` integer NOT NULL,
	`reporter_id` integer,
	`reason` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`resolved_by` integer,
	`resolved_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`review_id`) REFERENCES `reviews`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reporter_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `review_reports_status_idx` ON `review_reports` (`status`,`review_id`);--> statement-breakpoint
CREATE INDEX `review_reports_review_idx` ON `review_reports` (`review_id`);--> statement-breakpoint
CREATE TABLE `reviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`service_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`author_id` integer NOT NULL,
	`by_representative` integer DEFAULT false NOT NULL,
	`basis` text NOT NULL,
	`order_id` integer,
	`journal_id` integer,
	`mode` text DEFAULT 'stars' NOT NULL,
	`reliability` integer NOT NULL,
	`communication` integer NOT NULL,
	`value` integer NOT NULL,
	`helped_me` integer NOT NULL,
	`overall` integer NOT NULL,
	`body` text NOT NULL,
	`submitted_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`publish_at` text NOT NULL,
	`reply` text,
	`replied_by` integer,
	`replied_at` text,
	`removed_at` text,
	`removed_by` integer,
	`removal_reason` text,
	`removal_note` text,
	`scored_at` text,
	`expired_at` text,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`journal_id`) REFERENCES `journals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`replied_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`removed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "reviews_stars" CHECK("reviews"."reliability" BETWEEN 1 AND 5 AND "reviews"."communication" BETWEEN 1 AND 5 AND "reviews"."value" BETWEEN 1 AND 5 AND "reviews"."helped_me" BETWEEN 1 AND 5 AND "reviews"."overall" BETWEEN 1 AND 5),
	CONSTRAINT "reviews_basis" CHECK(("reviews"."basis" = 'order') = ("reviews"."order_id" IS NOT NULL) AND ("reviews"."basis" = 'isf') = ("reviews"."journal_id" IS NOT NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reviews_order_idx` ON `reviews` (`order_id`) WHERE "reviews"."order_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `reviews_journal_idx` ON `reviews` (`journal_id`) WHERE "reviews"."journal_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `reviews_attended_idx` ON `reviews` (`person_id`,`service_id`) WHERE "reviews"."basis" = 'attended';--> statement-breakpoint
CREATE INDEX `reviews_service_idx` ON `reviews` (`service_id`,`publish_at`);--> statement-breakpoint
CREATE INDEX `reviews_organisation_idx` ON `reviews` (`organisation_id`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `reviews_person_idx` ON `reviews` (`person_id`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `reviews_author_idx` ON `reviews` (`author_id`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `reviews_unscored_idx` ON `reviews` (`scored_at`,`publish_at`);