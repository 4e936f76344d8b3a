CREATE TABLE "digests" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "digests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"team_id" text NOT NULL,
	"channel_id" text NOT NULL,
	"weekday" integer NOT NULL,
	"time_of_day" text NOT NULL,
	"tz" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "digests_weekday_check" CHECK ("digests"."weekday" between 1 and 7)
);
--> statement-breakpoint
CREATE TABLE "milestone_updates" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "milestone_updates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"team_id" text NOT NULL,
	"milestone_id" integer NOT NULL,
	"author_id" text NOT NULL,
	"status" text NOT NULL,
	"percent" integer,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "milestones" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "milestones_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"team_id" text NOT NULL,
	"project_id" integer NOT NULL,
	"title" text NOT NULL,
	"due_date" date NOT NULL,
	"owner_id" text,
	"status" text DEFAULT 'planned' NOT NULL,
	"percent" integer,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone,
	CONSTRAINT "milestones_status_check" CHECK ("milestones"."status" in ('planned', 'in-progress', 'blocked', 'done')),
	CONSTRAINT "milestones_percent_check" CHECK ("milestones"."percent" is null or "milestones"."percent" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "project_member_rates" (
	"team_id" text NOT NULL,
	"project_id" integer NOT NULL,
	"user_id" text NOT NULL,
	"rate_minor" integer NOT NULL,
	"currency" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_member_rates_project_id_user_id_pk" PRIMARY KEY("project_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "created_by" text;--> statement-breakpoint
ALTER TABLE "milestone_updates" ADD CONSTRAINT "milestone_updates_milestone_id_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."milestones"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_member_rates" ADD CONSTRAINT "project_member_rates_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "digests_team_channel_idx" ON "digests" USING btree ("team_id","channel_id");--> statement-breakpoint
CREATE INDEX "milestone_updates_milestone_idx" ON "milestone_updates" USING btree ("milestone_id");--> statement-breakpoint
CREATE INDEX "milestones_team_project_idx" ON "milestones" USING btree ("team_id","project_id");--> statement-breakpoint
CREATE INDEX "processed_events_received_idx" ON "processed_events" USING btree ("received_at");