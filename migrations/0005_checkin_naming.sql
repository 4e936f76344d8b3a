-- One word for one concept: the tables, columns, keys and indexes once named "standup" say "checkin".
-- The /standup command keeps its name (it is what people type), and so do the action and view ids
-- already posted in Slack messages. Renames keep every row, identity sequence and foreign key.
ALTER TABLE "standups" RENAME TO "checkins";--> statement-breakpoint
ALTER SEQUENCE "standups_id_seq" RENAME TO "checkins_id_seq";--> statement-breakpoint
ALTER INDEX "standups_pkey" RENAME TO "checkins_pkey";--> statement-breakpoint
ALTER INDEX "standups_team_channel_live_idx" RENAME TO "checkins_team_channel_live_idx";--> statement-breakpoint
ALTER TABLE "standup_participants" RENAME TO "checkin_participants";--> statement-breakpoint
ALTER TABLE "checkin_participants" RENAME COLUMN "standup_id" TO "checkin_id";--> statement-breakpoint
ALTER TABLE "checkin_participants" RENAME CONSTRAINT "standup_participants_standup_id_user_id_pk" TO "checkin_participants_checkin_id_user_id_pk";--> statement-breakpoint
ALTER TABLE "checkin_participants" RENAME CONSTRAINT "standup_participants_standup_id_standups_id_fk" TO "checkin_participants_checkin_id_checkins_id_fk";--> statement-breakpoint
ALTER INDEX "standup_participants_user_idx" RENAME TO "checkin_participants_user_idx";--> statement-breakpoint
ALTER TABLE "standup_responses" RENAME TO "checkin_responses";--> statement-breakpoint
ALTER SEQUENCE "standup_responses_id_seq" RENAME TO "checkin_responses_id_seq";--> statement-breakpoint
ALTER INDEX "standup_responses_pkey" RENAME TO "checkin_responses_pkey";--> statement-breakpoint
ALTER TABLE "checkin_responses" RENAME COLUMN "standup_id" TO "checkin_id";--> statement-breakpoint
ALTER TABLE "checkin_responses" RENAME CONSTRAINT "standup_responses_standup_id_standups_id_fk" TO "checkin_responses_checkin_id_checkins_id_fk";--> statement-breakpoint
ALTER INDEX "standup_responses_key_idx" RENAME TO "checkin_responses_key_idx";--> statement-breakpoint
ALTER INDEX "standup_responses_user_idx" RENAME TO "checkin_responses_user_idx";--> statement-breakpoint
ALTER INDEX "standup_responses_standup_date_idx" RENAME TO "checkin_responses_checkin_date_idx";--> statement-breakpoint
ALTER INDEX "standup_responses_status_date_idx" RENAME TO "checkin_responses_status_date_idx";--> statement-breakpoint
UPDATE "deliveries" SET "kind" = 'checkin_prompt' WHERE "kind" = 'standup_prompt';--> statement-breakpoint
UPDATE "deliveries" SET "kind" = 'checkin_reminder' WHERE "kind" = 'standup_reminder';--> statement-breakpoint
ALTER TABLE "time_entries" DROP CONSTRAINT "time_entries_source_check";--> statement-breakpoint
UPDATE "time_entries" SET "source" = 'checkin' WHERE "source" = 'standup';--> statement-breakpoint
ALTER TABLE "time_entries" ADD CONSTRAINT "time_entries_source_check" CHECK ("time_entries"."source" in ('slash', 'modal', 'checkin'));
