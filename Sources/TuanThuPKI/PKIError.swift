import COpenSSL

/// Why a certificate, CRL or signed file could not be read at all (the tool failing, exit 2),
/// as opposed to a check that fails (a finding).
public enum PKIError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case malformed(path: String, what: String, reason: String)
    case tooLarge(path: String, size: Int, limit: Int)

    public var description: String { "\(path): \(reason)" }

    /// What is wrong, without the path.
    public var reason: String {
        switch self {
        case .unreadable(_, let reason): return "cannot read: \(reason)"
        case .malformed(_, let what, let reason): return "not a valid \(what): \(reason)"
        case .tooLarge(_, let size, let limit): return "file is \(size) bytes; the limit is \(limit)"
        }
    }

    public var path: String {
        switch self {
        case .unreadable(let path, _), .malformed(let path, _, _), .tooLarge(let path, _, _): return path
        }
    }
}

/// The OpenSSL error queue, drained into Swift strings.
enum OpenSSLErrors {
    /// Forgets what earlier operations left, so that a drain reports this operation only.
    static func clear() { ERR_clear_error() }

    /// Every queued error as text, oldest first; the queue is empty afterwards.
    static func drain() -> [String] {
        var messages: [String] = []
        var buffer = [CChar](repeating: 0, count: 256)
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            ERR_error_string_n(code, &buffer, buffer.count)
            messages.append(String(nullTerminated: buffer))
        }
        return messages
    }

    static func drainText(or fallback: String) -> String {
        let messages = drain()
        return messages.isEmpty ? fallback : messages.joined(separator: "; ")
    }
}
