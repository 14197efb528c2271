import GRDB

/// The journal's schema. Shipped migrations are never edited: add a new one.
enum JournalMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "generation") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("createdAt", .datetime).notNull()
                t.column("updatedAt", .datetime).notNull()
                t.column("provider", .text).notNull()
                t.column("model", .text).notNull()
                t.column("mode", .text).notNull()
                t.column("status", .text).notNull()
                t.column("prompt", .text).notNull()
                t.column("negativePrompt", .text)
                t.column("specJSON", .text).notNull()
                t.column("requestJSON", .text)
                t.column("operationName", .text)
                t.column("submittedAt", .datetime)
                t.column("finishedAt", .datetime)
                t.column("costEstimateUSD", .double)
                t.column("errorCode", .text)
                t.column("errorMessage", .text)
                t.column("errorExplanation", .text)
                t.column("serverAnswerJSON", .text)
                t.column("raiCount", .integer).notNull().defaults(to: 0)
                t.column("raiReasonsJSON", .text)
                t.column("parentID", .integer).references("generation", onDelete: .setNull)
                t.column("parentKind", .text)
                t.column("hops", .integer).notNull().defaults(to: 0)
                t.column("outputSeconds", .integer)
                t.column("pollCount", .integer).notNull().defaults(to: 0)
                t.column("synthetic", .boolean).notNull().defaults(to: false)
            }
            try db.create(index: "generation_status", on: "generation", columns: ["status"])
            try db.create(index: "generation_parent", on: "generation", columns: ["parentID"])
            try db.create(index: "generation_model_finished", on: "generation", columns: ["model", "finishedAt"])
            try db.create(virtualTable: "generation_ft", using: FTS5()) { t in
                t.synchronize(withTable: "generation")
                t.tokenizer = .unicode61()
                t.prefixes = [2, 3]
                t.column("prompt")
                t.column("negativePrompt")
            }
            try db.create(table: "asset") { t in
                t.primaryKey("sha256", .text)
                t.column("kind", .text).notNull()
                t.column("mimeType", .text).notNull()
                t.column("width", .integer).notNull()
                t.column("height", .integer).notNull()
                t.column("bytes", .integer).notNull()
                t.column("storedPath", .text).notNull()
                t.column("originalPath", .text).notNull()
                t.column("createdAt", .datetime).notNull()
            }
            try db.create(table: "generation_asset") { t in
                t.column("generationID", .integer).notNull().references("generation", onDelete: .cascade)
                t.column("sha256", .text).notNull().references("asset")
                t.column("role", .text).notNull()
                t.primaryKey(["generationID", "role"])
            }
            try db.create(table: "output") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("generationID", .integer).notNull().indexed().references("generation", onDelete: .cascade)
                t.column("sampleIndex", .integer).notNull()
                t.column("path", .text)
                t.column("bytes", .integer)
                t.column("sha256", .text)
                t.column("remoteURI", .text)
                t.column("expiresAt", .datetime)
                t.column("mimeType", .text).notNull()
                t.column("createdAt", .datetime).notNull()
                t.uniqueKey(["generationID", "sampleIndex"])
            }
            try db.create(table: "event") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("generationID", .integer).notNull().indexed().references("generation", onDelete: .cascade)
                t.column("at", .datetime).notNull()
                t.column("status", .text).notNull()
                t.column("detail", .text).notNull()
            }
        }
        // A model's recent durations (ETAs, the poll schedule) walk this index newest first
        // instead of every finished row.
        migrator.registerMigration("v2-latency-index") { db in
            try db.create(index: "generation_provider_model_status", on: "generation", columns: ["provider", "model", "status"])
        }
        // A gateway that reports its own progress (0…1); nil for services that report none.
        migrator.registerMigration("v3-provider-progress") { db in
            try db.alter(table: "generation") { t in t.add(column: "progress", .double) }
        }
        // One owner per job at a time (two processes on one home): who submits or tracks it, until when.
        migrator.registerMigration("v4-job-lease") { db in
            try db.create(table: "job_lease") { t in
                t.column("generationID", .integer).primaryKey().references("generation", onDelete: .cascade)
                t.column("owner", .text).notNull()
                t.column("pid", .integer).notNull()
                t.column("host", .text).notNull()
                t.column("expiresAt", .datetime).notNull()
            }
        }
        // Operations keeps a finished job until it is dismissed; jobs that ended before this version
        // count as dismissed, so an existing journal does not flood the panel. The studio's form keeps
        // each mode's unsent draft here across restarts.
        migrator.registerMigration("v5-dismissed-and-drafts") { db in
            try db.alter(table: "generation") { t in t.add(column: "dismissedAt", .datetime) }
            try db.execute(sql: """
                UPDATE generation SET dismissedAt = COALESCE(finishedAt, updatedAt)
                WHERE status IN ('done', 'failed', 'filtered', 'cancelled')
                """)
            try db.execute(sql: "CREATE INDEX generation_undismissed ON generation(id) WHERE dismissedAt IS NULL")
            try db.create(table: "form_draft") { t in
                t.primaryKey("mode", .text)
                t.column("draftJSON", .text).notNull()
                t.column("updatedAt", .datetime).notNull()
            }
        }
        // Search as you type reaches one-letter words ("fox r"): without a one-letter prefix index
        // such a query walks every term of the letter (7–11 ms at 100k generations instead of 3).
        migrator.registerMigration("v6-fts-one-letter-prefixes") { db in
            try db.dropFTS5SynchronizationTriggers(forTable: "generation_ft")
            try db.drop(table: "generation_ft")
            try db.create(virtualTable: "generation_ft", using: FTS5()) { t in
                t.synchronize(withTable: "generation")
                t.tokenizer = .unicode61()
                t.prefixes = [1, 2, 3]
                t.column("prompt")
                t.column("negativePrompt")
            }
        }
        // An operation belongs to the endpoint and the wire protocol that accepted it: resume, the
        // studio, every poll and download use them (a job sent with --base-url is not resumed at the
        // provider's default host). Rows written before know no endpoint; their wire follows their model.
        migrator.registerMigration("v7-endpoint-and-wire") { db in
            try db.alter(table: "generation") { t in
                t.add(column: "endpoint", .text)
                t.add(column: "wire", .text)
            }
            try db.execute(sql: """
                UPDATE generation SET wire = CASE
                    WHEN model LIKE 'gemini-omni%' THEN 'interactions'
                    WHEN provider IN ('gemini', 'sandbox') THEN 'gemini-predict'
                    WHEN provider IN ('vertex', 'vertex-sandbox') THEN 'vertex-predict'
                    ELSE REPLACE(provider, '-sandbox', '') END
                """)
        }
        // The studio's own queue: a job journaled with its validated spec and estimate, not sent
        // yet (status `waiting`), sent by a dispatcher under each provider's limits. The entry stays
        // after dispatch: it keeps the job's batch and how often it was tried.
        migrator.registerMigration("v8-queue") { db in
            try db.create(table: "queue_entry") { t in
                t.primaryKey("generationID", .integer).references("generation", onDelete: .cascade)
                t.column("priority", .integer).notNull().defaults(to: 0)
                t.column("paused", .boolean).notNull().defaults(to: false)
                t.column("reason", .text)
                t.column("notBefore", .datetime)
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("batchID", .text)
                t.column("queuedAt", .datetime).notNull()
                t.column("dispatchedAt", .datetime)
            }
            try db.create(index: "queue_entry_batch", on: "queue_entry", columns: ["batchID"])
            try db.create(index: "generation_by_status_provider", on: "generation", columns: ["status", "provider"])
        }
        // A batch is a thing in the history: its name, its lines, its jobs (through queue_entry.batchID).
        migrator.registerMigration("v9-batch") { db in
            try db.create(table: "batch") { t in
                t.primaryKey("id", .text)
                t.column("createdAt", .datetime).notNull()
                t.column("name", .text).notNull()
                t.column("lines", .integer).notNull()
                t.column("jobs", .integer).notNull()
                t.column("estimateUSD", .double)
            }
        }
        // Spending today and this month (the status line, the budget check, the ledger) reads the jobs
        // created since a date: without this index every journal change scanned the whole table.
        migrator.registerMigration("v10-created-index") { db in
            try db.create(index: "generation_created", on: "generation", columns: ["createdAt"])
        }
        // A storyboard (its document, its film) and its shots' takes; the takes' jobs carry the
        // storyboard's id as their batch, so History filters a film like a batch.
        migrator.registerMigration("v11-storyboard") { db in
            try db.create(table: "storyboard") { t in
                t.primaryKey("id", .text)
                t.column("createdAt", .datetime).notNull()
                t.column("updatedAt", .datetime).notNull()
                t.column("title", .text).notNull()
                t.column("fileName", .text).notNull()
                t.column("fileSHA256", .text).notNull()
                t.column("document", .text).notNull()
                t.column("status", .text).notNull()
                t.column("filmPath", .text)
                t.column("filmSHA256", .text)
                t.column("filmSeconds", .double)
            }
            try db.create(table: "storyboard_take") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("storyboardID", .text).notNull().references("storyboard", onDelete: .cascade)
                t.column("shot", .integer).notNull()
                t.column("take", .integer).notNull()
                t.column("generationID", .integer).references("generation", onDelete: .setNull)
                t.column("chosen", .boolean).notNull().defaults(to: false)
                t.column("retired", .boolean).notNull().defaults(to: false)
                t.column("note", .text)
            }
            try db.create(index: "storyboard_take_by_board", on: "storyboard_take", columns: ["storyboardID", "shot"])
        }
        // The search index follows a prompt, not a job's progress: the synchronising trigger used to
        // rewrite a generation's index entry on every update (each status change, each poll), which
        // was a third of a batch's statements. It now fires only when the indexed text changes.
        migrator.registerMigration("v12-fts-text-changes") { db in
            try db.execute(sql: """
                DROP TRIGGER IF EXISTS "__generation_ft_au";
                CREATE TRIGGER "__generation_ft_au" AFTER UPDATE OF prompt, negativePrompt ON generation
                WHEN old.prompt IS NOT new.prompt OR old.negativePrompt IS NOT new.negativePrompt BEGIN
                    INSERT INTO generation_ft(generation_ft, rowid, prompt, negativePrompt)
                        VALUES('delete', old.id, old.prompt, old.negativePrompt);
                    INSERT INTO generation_ft(rowid, prompt, negativePrompt) VALUES (new.id, new.prompt, new.negativePrompt);
                END;
                """)
        }
        return migrator
    }
}
