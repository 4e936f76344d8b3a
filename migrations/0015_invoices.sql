CREATE TABLE "invoice_counters" (
	"team_id" text NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invoice_counters_team_id_year_pk" PRIMARY KEY("team_id","year")
);
--> statement-breakpoint
CREATE TABLE "invoice_lines" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "invoice_lines_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"invoice_id" integer NOT NULL,
	"team_id" text NOT NULL,
	"user_id" text NOT NULL,
	"kind" text NOT NULL,
	"entry_id" integer,
	"project_id" integer,
	"project_key" text,
	"work_date" date,
	"description" text NOT NULL,
	"minutes" integer,
	"rate_minor" bigint,
	"currency" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "invoice_lines_kind_check" CHECK ("invoice_lines"."kind" in ('time', 'expense'))
);
--> statement-breakpoint
CREATE TABLE "invoices" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "invoices_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"team_id" text NOT NULL,
	"number" text NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"user_id" text NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"milestone_id" integer,
	"reference" text,
	"payment_terms_days" integer NOT NULL,
	"submitted_on" date NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"reject_reason" text,
	"due_on" date,
	"paid_on" date,
	"paid_by" text,
	"void_reason" text,
	"voided_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invoices_status_check" CHECK ("invoices"."status" in ('submitted', 'approved', 'rejected', 'paid', 'void')),
	CONSTRAINT "invoices_terms_check" CHECK ("invoices"."payment_terms_days" between 0 and 365)
);
--> statement-breakpoint
ALTER TABLE "time_entries" ADD COLUMN "invoice_id" integer;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invoice_lines_invoice_idx" ON "invoice_lines" USING btree ("invoice_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_team_number_idx" ON "invoices" USING btree ("team_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_team_year_seq_idx" ON "invoices" USING btree ("team_id","year","seq");--> statement-breakpoint
CREATE INDEX "invoices_team_status_idx" ON "invoices" USING btree ("team_id","status");--> statement-breakpoint
CREATE INDEX "invoices_team_user_idx" ON "invoices" USING btree ("team_id","user_id");--> statement-breakpoint
CREATE INDEX "time_entries_invoice_idx" ON "time_entries" USING btree ("invoice_id") WHERE "time_entries"."invoice_id" is not null;