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

    /// Text formats whose readers would take a control character as it is (Markdown, CSV, SVG,
    /// Mermaid): escaped on the way out. JSON escapes its own; Word files drop them (`WordML`).
    static let escapedExtensions: Set<String> = ["md", "csv", "svg", "mmd", "txt"]

    public func write(_ name: String, _ contents: ReportBytes) throws {
        let contents = Self.escapedExtensions.contains((name as NSString).pathExtension.lowercased())
            ? contents.escapingControlCharacters() : contents
        let target = folder.appendingPathComponent(name)
        let temporary = folder.appendingPathComponent(".\(name).\(ProcessInfo.processInfo.processIdentifier).tmp")
        if let problem = Self.write(contents, to: temporary.path) {
            try? FileManager.default.removeItem(at: temporary)
            throw EngineError.usage("cannot write '\(temporary.path)': \(problem)")
        }
        lock.lock()
        pending.append((temporary, target))
        lock.unlock()
    }

    /// Writes the whole file with POSIX calls; the reason on failure.
    private static func write(_ contents: ReportBytes, to path: String) -> String? {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { return String(cString: strerror(errno)) }
        var offset = 0
        let failure: String? = contents.withUnsafeBytes { buffer in
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                offset += written
            }
            return nil
        }
        guard close(descriptor) == 0 || failure != nil else { return String(cString: strerror(errno)) }
        return failure
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
