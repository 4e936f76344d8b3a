-- Events are recorded as handled only once their handling committed: an attempt holds the event
-- under a lease (claimed_until) while it runs, marks it done (done_at) after, and releases it when
-- it fails, so Slack's retry is handled instead of dropped as a duplicate.
ALTER TABLE "processed_events" ADD COLUMN "claimed_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "processed_events" ADD COLUMN "done_at" timestamp with time zone;--> statement-breakpoint
-- Ids stored before this version were claimed the old way, before handling: they count as handled.
UPDATE "processed_events" SET "done_at" = "received_at";
