import Foundation

/// Large data a command-line run keeps until the process exits instead of freeing it.
///
/// After an audit of thousands of systems, freeing its parsed inventories and certificates object
/// by object took about half a second; the operating system reclaims the whole process at once.
/// Only the `tuanthu` executable turns this on; a library user (and the tests) free as usual.
public enum ProcessLifetime {
    nonisolated(unsafe) private static var kept: [Any] = []
    nonisolated(unsafe) private static var enabled = false
    private static let lock = NSLock()

    /// Called once, on the main thread, before any audit starts.
    public static func enable() { enabled = true }

    /// Keeps `value` alive until exit, when enabled (safe from any thread).
    public static func keep(_ value: Any) {
        guard enabled else { return }
        lock.lock()
        kept.append(value)
        lock.unlock()
    }
}
