import Foundation
import TuanThuEngine

/// Writes report files as they are rendered, each to a temporary file in the output folder, and
/// renames them all into place only on `commit()`: nothing is half written, and a large audit does
/// not hold every report in memory. Safe to use from several threads.
public final class ReportTransaction: @unchecked Sendable {
    private let folder: URL
    private var pending: [(URL, URL)] = []
    private let lock = NSLock()

    public init(folder: URL) throws {
        self.folder = folder
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw EngineError.usage("cannot create output folder '\(folder.path)': \(error.localizedDescription)")
        }
    }

    public func write(_ name: String, _ contents: Data) throws {
        let target = folder.appendingPathComponent(name)
        let temporary = folder.appendingPathComponent(".\(name).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try contents.write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw EngineError.usage("cannot write '\(temporary.path)': \(error.localizedDescription)")
        }
        lock.lock()
        pending.append((temporary, target))
        lock.unlock()
    }

    public func commit() throws {
        lock.lock()
        defer { lock.unlock() }
        for (temporary, target) in pending where rename(temporary.path, target.path) != 0 {
            throw EngineError.usage("cannot write '\(target.path)': \(String(cString: strerror(errno)))")
        }
        pending.removeAll()
    }

    /// Removes every temporary file written so far.
    public func rollback() {
        lock.lock()
        defer { lock.unlock() }
        for (temporary, _) in pending { try? FileManager.default.removeItem(at: temporary) }
        pending.removeAll()
    }
}
