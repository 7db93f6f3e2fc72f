/// Why the tool could not do its job: unusable input (exit code 2), never a failed check.
public enum EngineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A problem at a known place in an input file.
    case input(SourceLocation, String)
    /// A file that cannot be read at all.
    case unreadable(path: String, reason: String)
    /// A bad option or argument value.
    case usage(String)

    /// The compiler-style message: `file:line:column: error: …`.
    public var message: String {
        switch self {
        case .input(let location, let text):
            return "\(location): error: \(text)"
        case .unreadable(let path, let reason):
            return "\(path):1:1: error: \(reason)"
        case .usage(let text):
            return "error: \(text)"
        }
    }

    public var description: String { message }

    /// Where the problem is, when known (used to sort several errors).
    public var location: SourceLocation? {
        switch self {
        case .input(let location, _): return location
        case .unreadable(let path, _): return SourceLocation(file: path, line: 1, column: 1)
        case .usage: return nil
        }
    }
}

/// Several input errors found in one pass, reported together.
public struct EngineErrors: Error, Sendable {
    public var errors: [EngineError]

    public init(_ errors: [EngineError]) {
        self.errors = errors.sorted { ($0.location ?? SourceLocation(file: "", line: 0, column: 0))
            < ($1.location ?? SourceLocation(file: "", line: 0, column: 0)) }
    }
}
