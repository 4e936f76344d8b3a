CREATE TABLE "audit_log" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"team_id" text NOT NULL,
	"actor_id" text NOT NULL,
	"subject_user_id" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"action" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "members" (
	"team_id" text NOT NULL,
	"user_id" text NOT NULL,
	"display_name" text DEFAULT '' NOT NULL,
	"tz" text DEFAULT 'UTC' NOT NULL,
	"role" text DEFAULT 'contractor' NOT NULL,
	"slack_admin" boolean DEFAULT false NOT NULL,
	"is_bot" boolean DEFAULT false NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"rate_minor" integer,
	"currency" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "members_team_id_user_id_pk" PRIMARY KEY("team_id","user_id"),
	CONSTRAINT "members_role_check" CHECK ("members"."role" in ('contractor', 'manager', 'admin'))
);
--> statement-breakpoint
CREATE TABLE "processed_events" (
	"team_id" text NOT NULL,
	"event_id" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "processed_events_team_id_event_id_pk" PRIMARY KEY("team_id","event_id")
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "projects_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"team_id" text NOT NULL,
	"key" text NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"channel_id" text,
	"rate_minor" integer,
	"currency" text,
	"budget_minutes" integer,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "time_entries" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "time_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"team_id" text NOT NULL,
	"user_id" text NOT NULL,
	"work_date" date NOT NULL,
	"minutes" integer NOT NULL,
	"category" text NOT NULL,
	"project_id" integer,
	"note" text,
	"billable" boolean DEFAULT true NOT NULL,
	"rate_minor" integer,
	"currency" text,
	"raw_text" text DEFAULT '' NOT NULL,
	"source" text NOT NULL,
	"idempotency_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"deleted_by" text,
	CONSTRAINT "time_entries_minutes_check" CHECK ("time_entries"."minutes" between 1 and 1440),
	CONSTRAINT "time_entries_source_check" CHECK ("time_entries"."source" in ('slash', 'modal', 'standup'))
);
--> statement-breakpoint
ALTER TABLE "time_entries" ADD CONSTRAINT "time_entries_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_team_entity_idx" ON "audit_log" USING btree ("team_id","entity","entity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "projects_team_key_idx" ON "projects" USING btree ("team_id","key");--> statement-breakpoint
CREATE INDEX "time_entries_member_date_idx" ON "time_entries" USING btree ("team_id","user_id","work_date");--> statement-breakpoint
CREATE INDEX "time_entries_team_date_idx" ON "time_entries" USING btree ("team_id","work_date");--> statement-breakpoint
CREATE UNIQUE INDEX "time_entries_idempotency_idx" ON "time_entries" USING btree ("team_id","idempotency_key");