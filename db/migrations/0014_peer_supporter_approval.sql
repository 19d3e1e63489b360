ALTER TABLE `peer_supporters` ADD `approved_at` text;--> statement-breakpoint
ALTER TABLE `peer_supporters` ADD `approved_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `peer_supporters` ADD `declined_reason` text;