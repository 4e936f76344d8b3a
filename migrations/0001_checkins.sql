CREATE TABLE "deliveries" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "deliveries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"team_id" text NOT NULL,
	"kind" text NOT NULL,
	"subject_id" text NOT NULL,
	"member_id" text NOT NULL,
	"local_date" date NOT NULL,
	"scheduled_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"lease_until" timestamp with time zone,
	"next_attempt_at" timestamp with time zone,
	"channel_id" text,
	"message_ts" text,
	"sent_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "standup_participants" (
	"standup_id" integer NOT NULL,
	"team_id" text NOT NULL,
	"user_id" text NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "standup_participants_standup_id_user_id_pk" PRIMARY KEY("standup_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "standup_responses" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "standup_responses_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"team_id" text NOT NULL,
	"standup_id" integer NOT NULL,
	"user_id" text NOT NULL,
	"local_date" date NOT NULL,
	"status" text DEFAULT 'in_progress' NOT NULL,
	"questions" jsonb NOT NULL,
	"answers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"has_blocker" boolean DEFAULT false NOT NULL,
	"channel_id" text,
	"channel_message_ts" text,
	"dm_channel_id" text,
	"submitted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "standups" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "standups_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"team_id" text NOT NULL,
	"channel_id" text NOT NULL,
	"time_of_day" text NOT NULL,
	"days" integer[] NOT NULL,
	"questions" jsonb NOT NULL,
	"reminder_minutes" integer DEFAULT 60,
	"catch_up_minutes" integer DEFAULT 180 NOT NULL,
	"fixed_tz" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "time_off" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "time_off_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"team_id" text NOT NULL,
	"user_id" text NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "time_off_range_check" CHECK ("time_off"."from_date" <= "time_off"."to_date")
);
--> statement-breakpoint
ALTER TABLE "standup_participants" ADD CONSTRAINT "standup_participants_standup_id_standups_id_fk" FOREIGN KEY ("standup_id") REFERENCES "public"."standups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "standup_responses" ADD CONSTRAINT "standup_responses_standup_id_standups_id_fk" FOREIGN KEY ("standup_id") REFERENCES "public"."standups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "deliveries_claim_key_idx" ON "deliveries" USING btree ("team_id","kind","subject_id","member_id","local_date");--> statement-breakpoint
CREATE INDEX "deliveries_pending_idx" ON "deliveries" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "standup_participants_user_idx" ON "standup_participants" USING btree ("team_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "standup_responses_key_idx" ON "standup_responses" USING btree ("team_id","standup_id","user_id","local_date");--> statement-breakpoint
CREATE INDEX "standup_responses_user_idx" ON "standup_responses" USING btree ("team_id","user_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "standups_team_channel_live_idx" ON "standups" USING btree ("team_id","channel_id") WHERE "standups"."archived_at" is null;--> statement-breakpoint
CREATE INDEX "time_off_user_idx" ON "time_off" USING btree ("team_id","user_id","to_date");