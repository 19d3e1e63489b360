ALTER TABLE `organisations` ADD `cqc_registration_status` text;--> statement-breakpoint
ALTER TABLE `organisations` ADD `cqc_checked_at` text;--> statement-breakpoint
ALTER TABLE `organisations` ADD `external_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `organisations_external_id_idx` ON `organisations` (`external_id`) WHERE "organisations"."external_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `organisations_cqc_location_idx` ON `organisations` (`cqc_location_id`);--> statement-breakpoint
ALTER TABLE `services` ADD `external_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `services_external_id_idx` ON `services` (`external_id`) WHERE "services"."external_id" IS NOT NULL;