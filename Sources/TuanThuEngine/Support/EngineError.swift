/// Why the tool could not do its job: unusable input (exit code 2), never a failed check.
public enum EngineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A problem at a known place in an input file.
    case input(SourceLocation, String)
    /// A file that cannot be read at all.
    case unreadable(path: String, reason: String)
    /// A bad option or argument value.
    case usage(String)
    /// A problem in a cell of a spreadsheet being imported.
    case cell(CellLocation, String)

    /// The compiler-style message: `file:line:column: error: …`.
    public var message: String {
        switch self {
        case .input(let location, let text):
            return "\(location): error: \(text)"
        case .unreadable(let path, let reason):
            return "\(path):1:1: error: \(reason)"
        case .usage(let text):
            return "error: \(text)"
        case .cell(let cell, let text):
            return "\(cell): error: \(text)"
        }
    }

    public var description: String { message }

    /// Where the problem is, when known (used to sort several errors).
    public var location: SourceLocation? {
        switch self {
        case .input(let location, _): return location
        case .unreadable(let path, _): return SourceLocation(file: path, line: 1, column: 1)
        case .usage: return nil
        case .cell(let cell, _): return SourceLocation(file: cell.file, line: cell.row, column: cell.column)
        }
    }
}

/// A cell of an imported spreadsheet: `FILE.xlsx:Sheet1!C7`, or `FILE.csv:7:3` (line, field).
public struct CellLocation: Sendable, Hashable, CustomStringConvertible {
    public let file: String
    /// The worksheet's name; nil for a CSV file.
    public let sheet: String?
    public let row: Int
    public let column: Int

    public init(file: String, sheet: String?, row: Int, column: Int) {
        self.file = file
        self.sheet = sheet
        self.row = row
        self.column = column
    }

    /// `C` for column 3, `AA` for 27.
    public static func letters(_ column: Int) -> String {
        var number = column
        var text = ""
        while number > 0 {
            let remainder = (number - 1) % 26
            text = String(UnicodeScalar(UInt8(65 + remainder))) + text
            number = (number - 1) / 26
        }
        return text
    }

    public var description: String {
        guard let sheet else { return "\(file):\(row):\(column)" }
        let quoted = sheet.contains(where: { !$0.isLetter && !$0.isNumber && $0 != "_" })
            ? "'\(sheet.replacingOccurrences(of: "'", with: "''"))'" : sheet
        return "\(file):\(quoted)!\(Self.letters(column))\(row)"
    }
}

/// Several input errors found in one pass, reported together.
public struct EngineErrors: Error, Sendable {
    public var errors: [EngineError]

    public init(_ errors: [EngineError]) {
        // The same mistake can be met twice (a misspelt required key, then as an unknown key): once.
        var seen: Set<String> = []
        let errors = errors.filter { seen.insert($0.message).inserted }
        self.errors = errors.sorted { ($0.location ?? SourceLocation(file: "", line: 0, column: 0))
            < ($1.location ?? SourceLocation(file: "", line: 0, column: 0)) }
    }

    /// The first `limit` errors in file order, and a last line saying how many more there are.
    public init(_ errors: [EngineError], limit: Int) {
        self.init(errors)
        guard self.errors.count > limit else { return }
        let more = self.errors.count - limit
        self.errors = Array(self.errors.prefix(limit))
            + [.usage("\(more) more error\(more == 1 ? "" : "s") not shown; correct these and run again")]
    }

    /// Throws nothing for no error, the error itself for one, all of them for several.
    public static func check(_ errors: [EngineError], limit: Int = .max) throws {
        guard let first = errors.first else { return }
        if errors.count == 1 { throw first }
        throw EngineErrors(errors, limit: limit)
    }

    /// Any error as a list: an `EngineErrors` as it is, an `EngineError` alone, anything else as
    /// an unlocated error.
    public init(of error: any Error) {
        switch error {
        case let many as EngineErrors: self = many
        case let one as EngineError: self.init([one])
        default: self.init([.usage(String(describing: error))])
        }
    }
}
