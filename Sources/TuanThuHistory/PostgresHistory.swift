import Foundation
import Logging
import NIOSSL
import PostgresNIO
import TuanThuEngine

/// The history in a shared PostgreSQL database (postgres-nio): the same tables as SQLite, plus
/// row-level security so that a unit's role writes only its own organisation's runs
/// (`HistorySchema`, migration 2; setup in docs/history.md). Calls block: the CLI is synchronous.
public final class PostgresHistory: HistoryStore, @unchecked Sendable {
    public let location: String
    private let connection: PostgresConnection
    private let logger = Logger(label: "tuanthu.history")
    /// One statement at a time on the connection, whichever thread asks.
    private let lock = NSLock()

    public init(_ target: PostgresTarget) throws {
        location = target.display
        let tls: PostgresConnection.Configuration.TLS
        do {
            switch target.sslMode {
            case "disable": tls = .disable
            case "require": tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            default: tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
        } catch {
            throw HistoryError.unavailable(location: target.display, reason: "TLS: \(error)")
        }
        let configuration = PostgresConnection.Configuration(host: target.host, port: target.port,
                                                             username: target.user, password: target.password,
                                                             database: target.database, tls: tls)
        let logger = self.logger
        let display = target.display
        connection = try Blocking.run {
            do {
                return try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
            } catch {
                throw HistoryError.unavailable(location: display, reason: Self.describe(error))
            }
        }
        try migrate()
    }

    deinit {
        let connection = self.connection
        try? Blocking.run { try await connection.close() }
    }

    static func describe(_ error: Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                let state = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
                return message + state
            }
            if "\(error.code)" == "authMechanismRequiresPassword" {
                return "the server asks for a password: set PGPASSWORD or add a line for this server, database "
                    + "and user to a pgpass file (~/.pgpass, or the file PGPASSFILE names, readable by its owner only)"
            }
            if let underlying = error.underlying { return "\(error.code): \(underlying)" }
            return "\(error.code)"
        }
        return "\(error)"
    }

    private static func sqlState(_ error: Error) -> String? { (error as? PSQLError)?.serverInfo?[.sqlState] }

    // MARK: - Statements

    /// Runs statements in one transaction on the connection; `body` gets a function to run one.
    private func transaction<T>(_ body: @escaping @Sendable (Runner) async throws -> T) throws -> T {
        let connection = self.connection, logger = self.logger, location = self.location
        return try lock.withLock {
            try Blocking.run {
                let runner = Runner(connection: connection, logger: logger)
                do {
                    try await runner.execute("BEGIN")
                    let value = try await body(runner)
                    try await runner.execute("COMMIT")
                    return value
                } catch {
                    try? await runner.execute("ROLLBACK")
                    if let error = error as? HistoryError { throw error }
                    throw HistoryError.unavailable(location: location, reason: Self.describe(error))
                }
            }
        }
    }

    struct Runner: Sendable {
        let connection: PostgresConnection
        let logger: Logger

        func execute(_ sql: String, _ values: [SQLValue] = []) async throws {
            try await connection.query(PostgresQuery(unsafeSQL: sql, binds: Self.binds(values)), logger: logger)
                .collect()
        }

        func rows(_ sql: String, _ values: [SQLValue] = []) async throws -> [PostgresStoredRow] {
            let sequence = try await connection.query(PostgresQuery(unsafeSQL: sql, binds: Self.binds(values)),
                                                      logger: logger)
            var result: [PostgresStoredRow] = []
            for try await row in sequence { result.append(PostgresStoredRow(row.makeRandomAccess())) }
            return result
        }

        static func binds(_ values: [SQLValue]) -> PostgresBindings {
            var binds = PostgresBindings(capacity: values.count)
            for value in values {
                switch value {
                case .text(let text): binds.append(text)
                case .int(let number): binds.append(number)
                case .null: binds.appendNull()
                }
            }
            return binds
        }
    }

    /// `?` placeholders become `$1, $2, …`.
    static func numbered(_ sql: String) -> String {
        var out = "", index = 0
        for character in sql {
            if character == "?" {
                index += 1
                out += "$\(index)"
            } else {
                out.append(character)
            }
        }
        return out
    }

    // MARK: - Migrations

    /// Applies the pending migrations under an advisory lock, so that two tools starting at once
    /// on a new database do not both apply them.
    private func migrate() throws {
        let location = self.location
        try transaction { runner in
            try await runner.execute("SELECT pg_advisory_xact_lock(7418026)")
            let exists = try await runner.rows("SELECT to_regclass('tuanthu_migrations') IS NOT NULL AS present")
            var applied = 0
            if exists.first?.bool("present") == true {
                applied = Int(try await runner.rows("SELECT COALESCE(MAX(version), 0) AS v FROM tuanthu_migrations")
                    .first?.int("v") ?? 0)
            }
            guard applied <= HistorySchema.current else {
                throw HistoryError.newerSchema(location: location, found: applied, supported: HistorySchema.current)
            }
            guard applied < HistorySchema.current else { return }
            do {
                try await runner.execute(HistorySchema.migrationsTable)
                for migration in HistorySchema.migrations where migration.version > applied {
                    for statement in migration.statements(.postgres) { try await runner.execute(statement) }
                    try await runner.execute(
                        "INSERT INTO tuanthu_migrations (version, description, applied_at) VALUES ($1, $2, $3)",
                        [.int(Int64(migration.version)), .text(migration.description), .text(HistoryClock.now())])
                }
            } catch {
                if Self.sqlState(error) == "42501" {
                    throw HistoryError.unavailable(
                        location: location,
                        reason: "the store is at schema version \(applied) and this role may not migrate it to "
                            + "\(HistorySchema.current): run any tuanthu history command once as the database's owner")
                }
                throw error
            }
        }
    }

    // MARK: - HistoryStore

    public func record(_ run: RunRecord, recordedAt: String) throws -> Int64 {
        let location = self.location
        do {
            return try transaction { runner in
                let insert = Self.numbered(HistorySQL.insert(into: "runs", HistorySQL.runColumns)) + " RETURNING id"
                guard let id = try await runner.rows(insert, HistorySQL.values(run, recordedAt)).first?.int("id") else {
                    throw HistoryError.unavailable(location: location, reason: "no run number returned")
                }
                for table in HistorySQL.tables(run, id: id) where !table.rows.isEmpty {
                    // Many rows per statement, below PostgreSQL's 65,535 parameters.
                    let perStatement = max(1, 60_000 / table.allColumns.count)
                    var start = 0
                    while start < table.rows.count {
                        let batch = table.rows[start..<min(start + perStatement, table.rows.count)]
                        var sql = "INSERT INTO \(table.name) (\(table.allColumns.joined(separator: ", "))) VALUES "
                        var number = 0
                        sql += batch.map { row in
                            "(" + row.map { _ in number += 1; return "$\(number)" }.joined(separator: ", ") + ")"
                        }.joined(separator: ", ")
                        try await runner.execute(sql, batch.flatMap { $0 })
                        start += perStatement
                    }
                }
                return id
            }
        } catch HistoryError.unavailable(_, let reason) where reason.contains("42501") {
            throw HistoryError.notPermitted(location: location, organization: run.organization, reason: reason)
        }
    }

    public func complete(_ ids: [Int64]) throws {
        guard !ids.isEmpty else { return }
        try transaction { runner in
            try await runner.execute("UPDATE runs SET complete = 1 WHERE id IN (\(HistorySQL.list(ids)))")
        }
    }

    public func discard(_ ids: [Int64]) throws {
        guard !ids.isEmpty else { return }
        try transaction { runner in try await runner.execute("DELETE FROM runs WHERE id IN (\(HistorySQL.list(ids)))") }
    }

    public func runs(organization: String?) throws -> [RunSummary] {
        try transaction { runner in
            let (sql, values) = HistorySQL.selectRuns(organization: organization, placeholder: { "$\($0)" })
            let rows = try await runner.rows(sql, values)
            let groups = try await runner.rows(HistorySQL.selectGroups(of: rows.compactMap { $0.int("id") }))
            return HistorySQL.summaries(rows, groups: groups)
        }
    }

    public func run(_ id: Int64) throws -> StoredRun? {
        try transaction { runner in
            let (sql, values) = HistorySQL.selectRuns(organization: nil, id: id, placeholder: { "$\($0)" })
            let rows = try await runner.rows(sql, values)
            let groups = try await runner.rows(HistorySQL.selectGroups(of: [id]))
            guard let summary = HistorySQL.summaries(rows, groups: groups).first else { return nil }
            let inputs = try await runner.rows(Self.numbered(HistorySQL.selectInputs), [.int(id)])
            let systems = try await runner.rows(Self.numbered(HistorySQL.selectSystems), [.int(id)])
            let gaps = try await runner.rows(Self.numbered(HistorySQL.selectGaps), [.int(id)])
            return StoredRun(summary: summary, inputs: inputs.compactMap(HistorySQL.input),
                             systems: systems.compactMap(HistorySQL.system), gaps: gaps.compactMap(HistorySQL.gap))
        }
    }
}

/// A PostgreSQL row read by column name.
struct PostgresStoredRow: StoredRow, @unchecked Sendable {
    let row: PostgresRandomAccessRow
    init(_ row: PostgresRandomAccessRow) { self.row = row }

    func string(_ column: String) -> String? {
        guard row.contains(column) else { return nil }
        return try? row[column].decode(String?.self)
    }

    func int(_ column: String) -> Int64? {
        guard row.contains(column) else { return nil }
        return try? row[column].decode(Int64?.self)
    }

    func bool(_ column: String) -> Bool? {
        guard row.contains(column) else { return nil }
        return try? row[column].decode(Bool?.self)
    }
}

/// Runs async work from synchronous code (the CLI's commands), waiting for its result.
enum Blocking {
    static func run<T>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            do { box.result = .success(try await body()) } catch { box.result = .failure(error) }
            done.signal()
        }
        done.wait()
        guard let result = box.result else { throw CancellationError() }
        return try result.get()
    }

    private final class ResultBox<T>: @unchecked Sendable {
        var result: Result<T, Error>?
    }
}
