import Foundation

/// Where the history is kept: `--database`, else `TUANTHU_DATABASE`, else the workspace's own
/// SQLite file.
public enum HistoryLocation: Sendable, Equatable {
    case sqlite(path: String, display: String)
    case postgres(PostgresTarget)

    /// The workspace's file, ignored by git (`.tuanthu/` is in the `.gitignore` that `init` writes).
    public static let defaultFile = ".tuanthu/history.sqlite"

    /// `given` (the option, else the environment's `TUANTHU_DATABASE`): a `postgresql://` or
    /// `postgres://` URL, an `sqlite:` path or a plain path (relative to the current folder).
    public static func resolve(_ given: String?, workspace root: URL,
                               environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> HistoryLocation {
        guard let text = given ?? environment["TUANTHU_DATABASE"].flatMap({ $0.isEmpty ? nil : $0 }) else {
            return .sqlite(path: root.appendingPathComponent(defaultFile).path, display: defaultFile)
        }
        if text.hasPrefix("postgresql://") || text.hasPrefix("postgres://") {
            return .postgres(try PostgresTarget(url: text, environment: environment))
        }
        var path = text
        if path.hasPrefix("sqlite:") { path.removeFirst("sqlite:".count) }
        if path.hasPrefix("//") { path.removeFirst(2) }
        guard !path.isEmpty, !path.contains("://") else { throw HistoryError.badURL(text) }
        return .sqlite(path: URL(fileURLWithPath: path).path, display: path)
    }
}

/// A PostgreSQL server and database, its credentials from the environment or a pgpass file.
public struct PostgresTarget: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var user: String
    public var database: String
    /// From `PGPASSWORD` or the pgpass file; never from the URL.
    public var password: String?
    /// `require` or `disable` (`sslmode` in the URL or `PGSSLMODE`; default `prefer` = try, else plain).
    public var sslMode: String

    /// `postgresql://USER@HOST:PORT/DATABASE?sslmode=…`, as shown in messages.
    public var display: String { "postgresql://\(user)@\(host):\(port)/\(database)" }

    public init(url text: String, environment: [String: String]) throws {
        guard let components = URLComponents(string: text), let host = components.host, !host.isEmpty else {
            throw HistoryError.badURL(text)
        }
        if components.password != nil { throw HistoryError.passwordInURL }
        self.host = host
        port = components.port ?? Int(environment["PGPORT"] ?? "") ?? 5432
        user = components.user ?? environment["PGUSER"] ?? environment["USER"] ?? "postgres"
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = path.isEmpty ? (environment["PGDATABASE"] ?? user) : path
        let query = components.queryItems ?? []
        for item in query where item.name != "sslmode" { throw HistoryError.badURL(text) }
        sslMode = query.first { $0.name == "sslmode" }?.value ?? environment["PGSSLMODE"] ?? "prefer"
        guard ["disable", "prefer", "require"].contains(sslMode) else { throw HistoryError.badURL(text) }
        password = environment["PGPASSWORD"].flatMap { $0.isEmpty ? nil : $0 } ?? Self.pgpass(host: host, port: port, database: database, user: user,
                                                           environment: environment)
    }

    /// The first matching line of the pgpass file (`PGPASSFILE`, else `~/.pgpass`):
    /// `host:port:database:user:password`, `*` matching anything, `\:` and `\\` escaped. As libpq
    /// does, a file others can read is ignored.
    static func pgpass(host: String, port: Int, database: String, user: String,
                       environment: [String: String]) -> String? {
        let file = environment["PGPASSFILE"] ?? (environment["HOME"].map { $0 + "/.pgpass" } ?? "")
        var status = stat()
        guard !file.isEmpty, stat(file, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG,
              status.st_mode & 0o077 == 0, status.st_size < 1 << 20,
              let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
        let wanted = [host, String(port), database, user]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = split(String(line))
            guard fields.count == 5 else { continue }
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    private static func split(_ line: String) -> [String] {
        var fields: [String] = [], current = "", escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" && fields.count < 4 {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
