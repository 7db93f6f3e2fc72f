import Foundation
import GRDB
import GRDBSQLite
import TuanThuEngine

/// The history in an SQLite file (`WORKSPACE/.tuanthu/history.sqlite`), through GRDB. Several
/// processes may write at once: each run is one immediate transaction, and a writer waits up to a
/// minute for another's to end.
public final class SQLiteHistory: HistoryStore {
    public let location: String
    private let queue: DatabaseQueue

    public init(path: String, display: String) throws {
        location = display
        var configuration = Configuration()
        configuration.journalMode = .wal
        configuration.busyMode = .timeout(60)
        configuration.foreignKeysEnabled = true
        configuration.label = "tuanthu history"
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                try db.inTransaction(.immediate) {
                    try Self.migrate(db, location: display)
                    return .commit
                }
            }
        } catch let error as HistoryError {
            throw error
        } catch {
            throw HistoryError.unavailable(location: display, reason: Self.describe(error))
        }
    }

    private static func migrate(_ db: Database, location: String) throws {
        try db.execute(sql: HistorySchema.migrationsTable)
        let applied = try Int.fetchOne(db, sql: "SELECT MAX(version) FROM tuanthu_migrations") ?? 0
        guard applied <= HistorySchema.current else {
            throw HistoryError.newerSchema(location: location, found: applied, supported: HistorySchema.current)
        }
        for migration in HistorySchema.migrations where migration.version > applied {
            for statement in migration.statements(.sqlite) { try db.execute(sql: statement) }
            try db.execute(sql: "INSERT INTO tuanthu_migrations (version, description, applied_at) VALUES (?, ?, ?)",
                           arguments: [migration.version, migration.description, HistoryClock.now()])
        }
    }

    static func describe(_ error: Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        return "\(error)"
    }

    private func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.writeWithoutTransaction { db in
                var value: T?
                try db.inTransaction(.immediate) {
                    value = try body(db)
                    return .commit
                }
                guard let value else { throw HistoryError.unavailable(location: location, reason: "no result") }
                return value
            }
        } catch let error as HistoryError {
            throw error
        } catch {
            throw HistoryError.unavailable(location: location, reason: Self.describe(error))
        }
    }

    private func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.read(body)
        } catch let error as HistoryError {
            throw error
        } catch {
            throw HistoryError.unavailable(location: location, reason: Self.describe(error))
        }
    }

    public func record(_ run: RunRecord, recordedAt: String) throws -> Int64 {
        try write { db in
            try db.execute(sql: HistorySQL.insert(into: "runs", HistorySQL.runColumns),
                           arguments: StatementArguments(HistorySQL.values(run, recordedAt).map(\.sqliteValue)))
            let id = db.lastInsertedRowID
            for table in HistorySQL.tables(run, id: id) where !table.rows.isEmpty {
                let statement = try db.makeStatement(sql: HistorySQL.insert(into: table.name, table.allColumns))
                for row in table.rows { try Self.insert(row, with: statement.sqliteStatement) }
            }
            return id
        }
    }

    /// Binds and steps one row straight through SQLite's C interface: at 10,000 systems a run has
    /// a quarter of a million gap rows, and GRDB's argument values would cost most of the recording.
    private static func insert(_ row: [SQLValue], with statement: OpaquePointer) throws {
        sqlite3_reset(statement)
        for (index, value) in row.enumerated() {
            let position = Int32(index + 1)
            let code: Int32 = switch value {
            case .int(let number): sqlite3_bind_int64(statement, position, number)
            case .null: sqlite3_bind_null(statement, position)
            case .text(let text):
                text.utf8CString.withUnsafeBufferPointer { buffer in
                    sqlite3_bind_text(statement, position, buffer.baseAddress, Int32(buffer.count - 1), transient)
                }
            }
            guard code == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: code)) }
        }
        let step = sqlite3_step(statement)
        guard step == SQLITE_DONE else { throw DatabaseError(resultCode: ResultCode(rawValue: step)) }
    }

    /// SQLite copies the bound text before `sqlite3_bind_text` returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    public func complete(_ ids: [Int64]) throws {
        guard !ids.isEmpty else { return }
        try write { db in
            try db.execute(sql: "UPDATE runs SET complete = 1 WHERE id IN (\(HistorySQL.list(ids)))")
        }
    }

    public func discard(_ ids: [Int64]) throws {
        guard !ids.isEmpty else { return }
        try write { db in try db.execute(sql: "DELETE FROM runs WHERE id IN (\(HistorySQL.list(ids)))") }
    }

    public func runs(organization: String?) throws -> [RunSummary] {
        try read { db in
            let (sql, arguments) = HistorySQL.selectRuns(organization: organization, placeholder: { _ in "?" })
            let rows = try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments.map(\.sqliteValue)))
            let groups = try Row.fetchAll(db, sql: HistorySQL.selectGroups(of: rows.map { $0["id"] as Int64 }))
            return HistorySQL.summaries(rows.map(SQLiteRow.init), groups: groups.map(SQLiteRow.init))
        }
    }

    public func run(_ id: Int64) throws -> StoredRun? {
        try read { db in
            let (sql, _) = HistorySQL.selectRuns(organization: nil, id: id, placeholder: { _ in "?" })
            guard let row = try Row.fetchOne(db, sql: sql, arguments: [id]) else { return nil }
            let groups = try Row.fetchAll(db, sql: HistorySQL.selectGroups(of: [id]))
            guard let summary = HistorySQL.summaries([SQLiteRow(row)], groups: groups.map(SQLiteRow.init)).first else {
                return nil
            }
            let inputs = try Row.fetchAll(db, sql: HistorySQL.selectInputs, arguments: [id]).map(SQLiteRow.init)
            let systems = try Row.fetchAll(db, sql: HistorySQL.selectSystems, arguments: [id]).map(SQLiteRow.init)
            let gaps = try Row.fetchAll(db, sql: HistorySQL.selectGaps, arguments: [id]).map(SQLiteRow.init)
            return StoredRun(summary: summary, inputs: inputs.compactMap(HistorySQL.input),
                             systems: systems.compactMap(HistorySQL.system), gaps: gaps.compactMap(HistorySQL.gap))
        }
    }
}

/// A GRDB row read by column name, for the shared decoding in `HistorySQL`.
struct SQLiteRow: StoredRow {
    let row: Row
    init(_ row: Row) { self.row = row }

    func string(_ column: String) -> String? { row[column] }
    func int(_ column: String) -> Int64? { row[column] }
}

extension SQLValue {
    var sqliteValue: (any DatabaseValueConvertible)? {
        switch self {
        case .text(let value): value
        case .int(let value): value
        case .null: nil
        }
    }
}
