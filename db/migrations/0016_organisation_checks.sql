ALTER TABLE `organisations` ADD `status_reason` text;--> statement-breakpoint
ALTER TABLE `organisations` ADD `checked_by` integer;--> statement-breakpoint
ALTER TABLE `organisations` ADD `checked_at` text;--> statement-breakpoint
CREATE INDEX `organisations_pending_idx` ON `organisations` (`created_at`) WHERE "organisations"."status" = 'pending';