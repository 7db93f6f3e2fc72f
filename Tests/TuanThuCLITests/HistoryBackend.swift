import Foundation
import Testing

/// The history's two back ends, each test of the history runs on both. PostgreSQL is the server
/// `.ci/run` starts (`TUANTHU_TEST_POSTGRES`, a URL without password, of a superuser role); outside
/// CI a machine without it skips those cases and says so, and in CI its absence fails them.
enum HistoryBackend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    var testDescription: String { rawValue }

    /// The server's URL, when there is one.
    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["TUANTHU_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether this back end can run here; records why not (an issue in CI, a note elsewhere).
    func available() -> Bool {
        guard self == .postgres, Self.postgresURL == nil else { return true }
        if ProcessInfo.processInfo.environment["CI"] != nil {
            Issue.record("PostgreSQL tests need TUANTHU_TEST_POSTGRES in CI (.ci/run starts the server)")
        } else {
            print("note: PostgreSQL history tests skipped: no server (set TUANTHU_TEST_POSTGRES, as .ci/run does)")
        }
        return false
    }

    /// A fresh, empty store: an SQLite file of its own, or a new database on the server.
    func freshStore() throws -> String {
        switch self {
        case .sqlite:
            return Scratch.folder("history").appendingPathComponent("history.sqlite").path
        case .postgres:
            guard let url = Self.postgresURL else { throw CancellationError() }
            return try PostgresFixture.freshDatabase(server: url)
        }
    }
}

/// Databases and roles on the test server, made with `psql` (the server's own client).
enum PostgresFixture {
    /// `postgresql://USER@HOST:PORT/DB` split for psql.
    struct Server {
        var host: String
        var port: String
        var user: String
        var database: String

        init(_ url: String) throws {
            guard let parts = URLComponents(string: url), let host = parts.host else { throw CancellationError() }
            self.host = host
            port = parts.port.map(String.init) ?? "5432"
            user = parts.user ?? "postgres"
            database = parts.path.hasPrefix("/") ? String(parts.path.dropFirst()) : "postgres"
        }

        func url(database: String, user: String? = nil) -> String {
            "postgresql://\(user ?? self.user)@\(host):\(port)/\(database)"
        }
    }

    static func freshDatabase(server url: String) throws -> String {
        let server = try Server(url)
        let name = "tuanthu_test_" + UUID().uuidString.prefix(8).lowercased()
        try psql(server, database: server.database, "CREATE DATABASE \(name)")
        return server.url(database: name)
    }

    /// Runs SQL with psql as the server's superuser (or `user`); throws with psql's error.
    @discardableResult
    static func psql(_ server: Server, database: String, user: String? = nil, password: String? = nil,
                     _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-h", server.host, "-p", server.port,
                             "-U", user ?? server.user, "-d", database, "-c", sql]
        var environment = ProcessInfo.processInfo.environment
        if let password { environment["PGPASSWORD"] = password }
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let error = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PSQLError(message: String(decoding: error, as: UTF8.self))
        }
        return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    struct PSQLError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}
