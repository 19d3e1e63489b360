CREATE TABLE `budget_accounts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`holder_id` integer NOT NULL,
	`area_slug` text NOT NULL,
	`arrangement` text NOT NULL,
	`isf_provider_id` integer,
	`status` text DEFAULT 'set-up' NOT NULL,
	`annual_allocation_pence` integer NOT NULL,
	`period_days` integer NOT NULL,
	`contribution_pence` integer DEFAULT 0 NOT NULL,
	`fee_kind` text DEFAULT 'none' NOT NULL,
	`fee_value` integer DEFAULT 0 NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`holder_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`area_slug`) REFERENCES `local_authorities`(`slug`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`isf_provider_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "budget_amounts_whole" CHECK("budget_accounts"."annual_allocation_pence" >= 0 AND "budget_accounts"."contribution_pence" >= 0 AND "budget_accounts"."period_days" > 0)
);
--> statement-breakpoint
CREATE INDEX `budget_accounts_holder_idx` ON `budget_accounts` (`holder_id`);--> statement-breakpoint
CREATE INDEX `budget_accounts_provider_idx` ON `budget_accounts` (`isf_provider_id`);--> statement-breakpoint
CREATE INDEX `budget_accounts_area_idx` ON `budget_accounts` (`area_slug`);--> statement-breakpoint
CREATE TABLE `isf_moves` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`budget_account_id` integer NOT NULL,
	`from_organisation_id` integer NOT NULL,
	`to_organisation_id` integer NOT NULL,
	`moved_on` text NOT NULL,
	`moved_by` integer NOT NULL,
	FOREIGN KEY (`budget_account_id`) REFERENCES `budget_accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`from_organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`moved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `journals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`idempotency_key` text NOT NULL,
	`kind` text NOT NULL,
	`budget_account_id` integer,
	`effective_on` text NOT NULL,
	`description` text NOT NULL,
	`detail` text,
	`reverses_journal_id` integer,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`budget_account_id`) REFERENCES `budget_accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `journals_idempotency_idx` ON `journals` (`idempotency_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `journals_reverses_idx` ON `journals` (`reverses_journal_id`) WHERE "journals"."reverses_journal_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `journals_budget_idx` ON `journals` (`budget_account_id`,`effective_on`);--> statement-breakpoint
CREATE TABLE `ledger_accounts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`floor_pence` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_accounts_code_idx` ON `ledger_accounts` (`code`);--> statement-breakpoint
CREATE TABLE `ledger_balances` (
	`ledger_account_id` integer PRIMARY KEY NOT NULL,
	`balance_pence` integer NOT NULL,
	FOREIGN KEY (`ledger_account_id`) REFERENCES `ledger_accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `plan_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` integer NOT NULL,
	`kind` text NOT NULL,
	`category` text NOT NULL,
	`description` text NOT NULL,
	`planned_pence` integer NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `support_plans`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "plan_lines_amount" CHECK("plan_lines"."planned_pence" >= 0)
);
--> statement-breakpoint
CREATE INDEX `plan_lines_plan_idx` ON `plan_lines` (`plan_id`);--> statement-breakpoint
CREATE TABLE `postings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`journal_id` integer NOT NULL,
	`ledger_account_id` integer NOT NULL,
	`amount_pence` integer NOT NULL,
	FOREIGN KEY (`journal_id`) REFERENCES `journals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ledger_account_id`) REFERENCES `ledger_accounts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "postings_nonzero" CHECK("postings"."amount_pence" <> 0)
);
--> statement-breakpoint
CREATE INDEX `postings_journal_idx` ON `postings` (`journal_id`);--> statement-breakpoint
CREATE INDEX `postings_account_idx` ON `postings` (`ledger_account_id`,`journal_id`);--> statement-breakpoint
CREATE TABLE `reservations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`budget_account_id` integer NOT NULL,
	`amount_pence` integer NOT NULL,
	`reference` text NOT NULL,
	`status` text DEFAULT 'held' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`settled_at` text,
	FOREIGN KEY (`budget_account_id`) REFERENCES `budget_accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reservations_budget_idx` ON `reservations` (`budget_account_id`,`status`);--> statement-breakpoint
CREATE TABLE `spending_rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`area_slug` text NOT NULL,
	`kind` text NOT NULL,
	`params` text NOT NULL,
	`explanation` text NOT NULL,
	`instead` text NOT NULL,
	FOREIGN KEY (`area_slug`) REFERENCES `local_authorities`(`slug`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `spending_rules_area_idx` ON `spending_rules` (`area_slug`);--> statement-breakpoint
CREATE TABLE `support_plans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`budget_account_id` integer NOT NULL,
	`version` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`outcomes` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`agreed_at` text,
	`agreed_by` text,
	FOREIGN KEY (`budget_account_id`) REFERENCES `budget_accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `support_plans_version_idx` ON `support_plans` (`budget_account_id`,`version`);