-- The embedded search engine's own tables (search/engines/embedded.ts), in the same file as the
-- listings. They hold a derived copy of published services and can always be rebuilt by
-- `npm run search:reindex`; nothing else reads them.
CREATE TABLE `search_documents` (
	`service_id` integer PRIMARY KEY NOT NULL,
	-- the index generation that last wrote this row; processes catch up on rows newer than theirs
	`version` integer NOT NULL,
	-- a removed service stays as a tombstone until the next reindex, so every process sees it go
	`deleted` integer NOT NULL DEFAULT 0,
	`doc` text NOT NULL,
	`category` text NOT NULL,
	`area` text NOT NULL,
	`kind` text NOT NULL,
	`price_pence` integer NOT NULL,
	`price_band` text NOT NULL,
	`delivery_mask` integer NOT NULL,
	`days_mask` integer NOT NULL,
	`access_mask` integer NOT NULL,
	`pay_mask` integer NOT NULL,
	`lat` real NOT NULL,
	`lng` real NOT NULL,
	`rating` real,
	`updated_ms` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `search_documents_version_idx` ON `search_documents` (`version`);
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_fts` USING fts5(
	title, organisation, category, place, description,
	content='', contentless_delete=1, detail='column',
	tokenize='unicode61 remove_diacritics 2',
	prefix='2 3'
);
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_fts_vocab` USING fts5vocab(`search_fts`, 'row');
--> statement-breakpoint
-- `generation` goes up with every index write, `epoch` with every rebuild: a process compares
-- them with what it has loaded to know whether to catch up or to reload.
CREATE TABLE `search_meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `search_meta` (`key`, `value`) VALUES ('generation', 0), ('epoch', 0);
