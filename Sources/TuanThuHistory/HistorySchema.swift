/// The history's tables, the same on SQLite and PostgreSQL, as numbered migrations the tool applies
/// in order and records in `tuanthu_migrations`. A migration is never edited once released: a
/// change is a new one.
enum HistorySchema {
    enum Dialect: Sendable {
        case sqlite, postgres

        var serialKey: String {
            switch self {
            case .sqlite: "INTEGER PRIMARY KEY AUTOINCREMENT"
            case .postgres: "BIGSERIAL PRIMARY KEY"
            }
        }
    }

    struct Migration: Sendable {
        let version: Int
        let description: String
        /// Statements, run in one transaction.
        let statements: @Sendable (Dialect) -> [String]
    }

    /// The version this build of the tool writes and reads.
    static var current: Int { migrations.last?.version ?? 0 }

    static let migrations: [Migration] = [
        Migration(version: 1, description: "runs, their inputs, groups, systems and gaps") { dialect in
            let counts = "passed INTEGER NOT NULL, failed INTEGER NOT NULL, manual INTEGER NOT NULL, "
                + "not_applicable INTEGER NOT NULL, not_assessed INTEGER NOT NULL"
            let run = "run_id BIGINT NOT NULL REFERENCES runs(id) ON DELETE CASCADE, organization TEXT NOT NULL"
            return [
                """
                CREATE TABLE runs (id \(dialect.serialKey), organization TEXT NOT NULL, \
                organization_name TEXT NOT NULL, as_of TEXT NOT NULL, recorded_at TEXT NOT NULL, tool TEXT NOT NULL, \
                rules_version TEXT NOT NULL, rules_sha256 TEXT NOT NULL, manifest_sha256 TEXT NOT NULL, \
                language TEXT NOT NULL, systems INTEGER NOT NULL, approved INTEGER NOT NULL, \
                open_critical INTEGER NOT NULL, open_high INTEGER NOT NULL, open_medium INTEGER NOT NULL, \
                open_low INTEGER NOT NULL, open_info INTEGER NOT NULL, complete INTEGER NOT NULL DEFAULT 0)
                """,
                "CREATE INDEX runs_by_organization ON runs (organization, as_of, id)",
                """
                CREATE TABLE run_inputs (\(run), path TEXT NOT NULL, kind TEXT NOT NULL, sha256 TEXT NOT NULL, \
                bytes BIGINT NOT NULL, PRIMARY KEY (run_id, path))
                """,
                "CREATE TABLE run_groups (\(run), grp TEXT NOT NULL, \(counts), PRIMARY KEY (run_id, grp))",
                """
                CREATE TABLE run_systems (\(run), system TEXT NOT NULL, name TEXT NOT NULL, operator TEXT NOT NULL, \
                required_level INTEGER NOT NULL, proposed_level INTEGER, approved_level INTEGER, \
                effective_level INTEGER NOT NULL, approval TEXT NOT NULL, regime TEXT NOT NULL, \(counts), \
                findings TEXT NOT NULL)
                """,
                "CREATE INDEX run_systems_by_run ON run_systems (run_id)",
                """
                CREATE TABLE run_gaps (\(run), system TEXT NOT NULL, rule TEXT NOT NULL, severity TEXT NOT NULL, \
                status TEXT NOT NULL, grp TEXT, message_vi TEXT NOT NULL, message_en TEXT NOT NULL, \
                file TEXT NOT NULL, line INTEGER NOT NULL, col INTEGER NOT NULL, change TEXT, plan_id TEXT, \
                priority TEXT, due TEXT, due_reason TEXT, responsible_unit TEXT, overdue INTEGER NOT NULL)
                """,
                "CREATE INDEX run_gaps_by_run ON run_gaps (run_id)",
            ]
        },
        Migration(version: 2, description: "writers: a unit's role writes only its organisation's runs") { dialect in
            var statements = [
                """
                CREATE TABLE tuanthu_writers (role_name TEXT NOT NULL, organization TEXT NOT NULL, \
                PRIMARY KEY (role_name, organization))
                """,
            ]
            // SQLite has no roles: the table is kept so that both stores have one schema.
            guard dialect == .postgres else { return statements }
            let tables = ["runs"] + childTables
            let own = "organization IN (SELECT w.organization FROM tuanthu_writers w WHERE w.role_name = current_user)"
            // Roles belong to the whole server: another database's tuanthu may have made them.
            statements.append("""
                DO $$ BEGIN
                  BEGIN CREATE ROLE tuanthu_unit NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;
                  BEGIN CREATE ROLE tuanthu_reader NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;
                END $$
                """)
            statements += [
                "GRANT SELECT ON tuanthu_migrations, tuanthu_writers TO tuanthu_unit, tuanthu_reader",
                "GRANT SELECT, INSERT, UPDATE, DELETE ON \(tables.joined(separator: ", ")) TO tuanthu_unit",
                "GRANT SELECT ON \(tables.joined(separator: ", ")) TO tuanthu_reader",
                "GRANT USAGE, SELECT ON SEQUENCE runs_id_seq TO tuanthu_unit",
            ]
            for table in tables {
                statements += [
                    "ALTER TABLE \(table) ENABLE ROW LEVEL SECURITY",
                    "CREATE POLICY unit_own_rows ON \(table) FOR ALL TO tuanthu_unit USING (\(own)) WITH CHECK (\(own))",
                    "CREATE POLICY reader_all_rows ON \(table) FOR SELECT TO tuanthu_reader USING (true)",
                ]
            }
            return statements
        },
    ]

    static let migrationsTable = """
        CREATE TABLE IF NOT EXISTS tuanthu_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, \
        applied_at TEXT NOT NULL)
        """

    /// The tables that hold an organisation's rows, children of `runs` (all carry `organization`, which
    /// row-level security reads on PostgreSQL).
    static let childTables = ["run_inputs", "run_groups", "run_systems", "run_gaps"]
}
