import Foundation

/// A dictionary shared by the threads that parse certificates, which stops growing at `limit`
/// entries.
final class LockedCache<Key: Hashable, Value>: @unchecked Sendable {
    private var entries: [Key: Value] = [:]
    private let lock = NSLock()
    private let limit: Int

    init(limit: Int = .max) {
        self.limit = limit
    }

    func value(for key: Key) -> Value? {
        lock.withLock { entries[key] }
    }

    func store(_ value: Value, for key: Key) {
        lock.withLock { if entries.count < limit { entries[key] = value } }
    }
}
