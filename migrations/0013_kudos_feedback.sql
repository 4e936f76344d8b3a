CREATE TABLE "feedback" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "feedback_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"team_id" text NOT NULL,
	"manager_id" text NOT NULL,
	"person_id" text NOT NULL,
	"went_well" text NOT NULL,
	"to_improve" text NOT NULL,
	"rating" integer,
	"dm_channel_id" text,
	"message_ts" text,
	"acknowledged_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback_rating_check" CHECK ("feedback"."rating" is null or "feedback"."rating" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "feedback_reminders" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "feedback_reminders_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"team_id" text NOT NULL,
	"project_id" integer NOT NULL,
	"manager_id" text NOT NULL,
	"every_weeks" integer NOT NULL,
	"start_date" text NOT NULL,
	"tz" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback_reminders_weeks_check" CHECK ("feedback_reminders"."every_weeks" between 1 and 52)
);
--> statement-breakpoint
CREATE TABLE "feedback_replies" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "feedback_replies_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"team_id" text NOT NULL,
	"feedback_id" integer NOT NULL,
	"user_id" text NOT NULL,
	"text" text NOT NULL,
	"ts" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kudos" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "kudos_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"team_id" text NOT NULL,
	"giver_id" text NOT NULL,
	"recipient_id" text NOT NULL,
	"channel_id" text NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "feedback_reminders" ADD CONSTRAINT "feedback_reminders_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_replies" ADD CONSTRAINT "feedback_replies_feedback_id_feedback_id_fk" FOREIGN KEY ("feedback_id") REFERENCES "public"."feedback"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "feedback_person_idx" ON "feedback" USING btree ("team_id","person_id","created_at");--> statement-breakpoint
CREATE INDEX "feedback_manager_idx" ON "feedback" USING btree ("team_id","manager_id","created_at");--> statement-breakpoint
CREATE INDEX "feedback_message_idx" ON "feedback" USING btree ("dm_channel_id","message_ts");--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_reminders_project_manager_idx" ON "feedback_reminders" USING btree ("team_id","project_id","manager_id");--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_replies_ts_idx" ON "feedback_replies" USING btree ("feedback_id","ts");--> statement-breakpoint
CREATE INDEX "kudos_giver_idx" ON "kudos" USING btree ("team_id","giver_id","created_at");--> statement-breakpoint
CREATE INDEX "kudos_recipient_idx" ON "kudos" USING btree ("team_id","recipient_id","created_at");--> statement-breakpoint
CREATE INDEX "kudos_created_idx" ON "kudos" USING btree ("team_id","created_at");