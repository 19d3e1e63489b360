CREATE INDEX `organisations_postcode_idx` ON `organisations` (`postcode`);--> statement-breakpoint
CREATE INDEX `suggestions_service_idx` ON `suggestions` (`service_id`);