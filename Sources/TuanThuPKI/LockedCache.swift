import Foundation

/// A dictionary shared by threads (those that parse certificates, or resolve paths), which stops
/// growing at `limit` entries.
public final class LockedCache<Key: Hashable, Value>: @unchecked Sendable {
    private var entries: [Key: Value] = [:]
    private let lock = NSLock()
    private let limit: Int

    public init(limit: Int = .max) {
        self.limit = limit
    }

    public func value(for key: Key) -> Value? {
        lock.withLock { entries[key] }
    }

    public func store(_ value: Value, for key: Key) {
        lock.withLock { if entries.count < limit { entries[key] = value } }
    }

    /// The value kept for `key`, else `make()`'s, kept. `make` runs outside the lock: two threads
    /// may both make a missing value, and the later one is kept.
    public func value(for key: Key, orMake make: () -> Value) -> Value {
        if let known = value(for: key) { return known }
        let made = make()
        store(made, for: key)
        return made
    }
}
