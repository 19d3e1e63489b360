ALTER TABLE `occurrences` ADD `unit_price_pence` integer;--> statement-breakpoint
ALTER TABLE `consortium_pledges` ADD `pending_price_pence` integer;--> statement-breakpoint
ALTER TABLE `consortium_pledges` ADD `pending_from` text;