CREATE TABLE `card_payments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`invoice_id` integer NOT NULL,
	`payment_intent_id` text,
	`amount_pence` integer NOT NULL,
	`application_fee_pence` integer DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'created' NOT NULL,
	`last_event_created` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`invoice_id`) REFERENCES `invoices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `card_payments_invoice_idx` ON `card_payments` (`invoice_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `card_payments_intent_idx` ON `card_payments` (`payment_intent_id`);--> statement-breakpoint
CREATE TABLE `credit_notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`occurrence_id` integer NOT NULL,
	`order_id` integer NOT NULL,
	`amount_pence` integer NOT NULL,
	`reason` text NOT NULL,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`occurrence_id`) REFERENCES `occurrences`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "credit_notes_amount" CHECK("credit_notes"."amount_pence" > 0)
);
--> statement-breakpoint
CREATE INDEX `credit_notes_occurrence_idx` ON `credit_notes` (`occurrence_id`);--> statement-breakpoint
CREATE TABLE `disputes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`occurrence_id` integer NOT NULL,
	`order_id` integer NOT NULL,
	`raised_by` integer NOT NULL,
	`reason` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`settled_pence` integer,
	`resolution` text,
	`resolved_by` integer,
	`resolved_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`occurrence_id`) REFERENCES `occurrences`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`raised_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `disputes_status_idx` ON `disputes` (`status`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `disputes_open_idx` ON `disputes` (`occurrence_id`) WHERE "disputes"."status" = 'open';--> statement-breakpoint
CREATE TABLE `enquiries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`service_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	`buyer_id` integer NOT NULL,
	`created_by` integer NOT NULL,
	`subject` text NOT NULL,
	`last_message_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`buyer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `enquiries_buyer_idx` ON `enquiries` (`buyer_id`,`last_message_at`);--> statement-breakpoint
CREATE INDEX `enquiries_organisation_idx` ON `enquiries` (`organisation_id`,`last_message_at`);--> statement-breakpoint
CREATE TABLE `invoices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	`status` text DEFAULT 'issued' NOT NULL,
	`issued_on` text NOT NULL,
	`total_pence` integer NOT NULL,
	`paid_at` text,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "invoices_total" CHECK("invoices"."total_pence" >= 0)
);
--> statement-breakpoint
CREATE INDEX `invoices_order_idx` ON `invoices` (`order_id`);--> statement-breakpoint
CREATE INDEX `invoices_organisation_idx` ON `invoices` (`organisation_id`,`status`);--> statement-breakpoint
CREATE TABLE `messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer,
	`enquiry_id` integer,
	`author_id` integer,
	`party` text NOT NULL,
	`body` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`enquiry_id`) REFERENCES `enquiries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "messages_belong" CHECK(("messages"."order_id" IS NULL) <> ("messages"."enquiry_id" IS NULL))
);
--> statement-breakpoint
CREATE INDEX `messages_order_idx` ON `messages` (`order_id`,`id`);--> statement-breakpoint
CREATE INDEX `messages_enquiry_idx` ON `messages` (`enquiry_id`,`id`);--> statement-breakpoint
CREATE TABLE `occurrences` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer NOT NULL,
	`date` text NOT NULL,
	`time_from` text,
	`time_to` text,
	`quantity_hundredths` integer NOT NULL,
	`amount_pence` integer NOT NULL,
	`status` text DEFAULT 'scheduled' NOT NULL,
	`reservation_id` integer,
	`delivered_on` text,
	`delivered_quantity_hundredths` integer,
	`delivery_notes` text,
	`delivered_by` integer,
	`delivery_recorded_at` text,
	`credited_pence` integer DEFAULT 0 NOT NULL,
	`charged_pence` integer,
	`confirmed_at` text,
	`confirmed_by` integer,
	`invoice_id` integer,
	`cancel_reason` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reservation_id`) REFERENCES `reservations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`delivered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`confirmed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invoice_id`) REFERENCES `invoices`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "occurrences_amounts" CHECK("occurrences"."amount_pence" >= 0 AND "occurrences"."credited_pence" >= 0 AND "occurrences"."quantity_hundredths" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `occurrences_order_date_idx` ON `occurrences` (`order_id`,`date`) WHERE "occurrences"."status" <> 'cancelled';--> statement-breakpoint
CREATE INDEX `occurrences_order_idx` ON `occurrences` (`order_id`,`date`);--> statement-breakpoint
CREATE INDEX `occurrences_status_idx` ON `occurrences` (`status`,`delivery_recorded_at`);--> statement-breakpoint
CREATE INDEX `occurrences_invoice_idx` ON `occurrences` (`invoice_id`);--> statement-breakpoint
CREATE TABLE `orders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`service_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	`buyer_id` integer NOT NULL,
	`placed_by` integer NOT NULL,
	`status` text DEFAULT 'requested' NOT NULL,
	`payment_method` text NOT NULL,
	`budget_account_id` integer,
	`service_name` text NOT NULL,
	`category` text NOT NULL,
	`unit` text NOT NULL,
	`unit_price_pence` integer NOT NULL,
	`quantity_hundredths` integer NOT NULL,
	`recurrence` text NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text,
	`time_from` text,
	`time_to` text,
	`booked_through` text,
	`closing_reason` text,
	`closed_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`buyer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`placed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`budget_account_id`) REFERENCES `budget_accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "orders_amounts" CHECK("orders"."unit_price_pence" >= 0 AND "orders"."quantity_hundredths" > 0)
);
--> statement-breakpoint
CREATE INDEX `orders_buyer_idx` ON `orders` (`buyer_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `orders_organisation_idx` ON `orders` (`organisation_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `orders_recurring_idx` ON `orders` (`status`,`recurrence`,`booked_through`);--> statement-breakpoint
CREATE TABLE `payment_accounts` (
	`organisation_id` integer PRIMARY KEY NOT NULL,
	`stripe_account_id` text NOT NULL,
	`charges_enabled` integer DEFAULT false NOT NULL,
	`details_submitted` integer DEFAULT false NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payment_accounts_stripe_idx` ON `payment_accounts` (`stripe_account_id`);--> statement-breakpoint
CREATE TABLE `payouts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`invoice_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	`method` text NOT NULL,
	`amount_pence` integer NOT NULL,
	`fee_pence` integer DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'due' NOT NULL,
	`reference` text,
	`paid_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`invoice_id`) REFERENCES `invoices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payouts_invoice_idx` ON `payouts` (`invoice_id`);--> statement-breakpoint
CREATE INDEX `payouts_organisation_idx` ON `payouts` (`organisation_id`,`status`);--> statement-breakpoint
CREATE TABLE `stripe_events` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`object_id` text,
	`outcome` text NOT NULL,
	`received_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
