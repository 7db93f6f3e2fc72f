import Foundation
import TuanThuEngine

/// Writes report files all-or-nothing: each goes to a temporary file in the output folder
/// first, and only when all are written are they renamed into place.
public enum ReportWriter {
    public static func write(_ files: [(name: String, contents: Data)], to folder: URL) throws {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw EngineError.usage("cannot create output folder '\(folder.path)': \(error.localizedDescription)")
        }
        var temporaries: [(URL, URL)] = []
        do {
            for file in files {
                let target = folder.appendingPathComponent(file.name)
                let temporary = folder.appendingPathComponent(".\(file.name).\(ProcessInfo.processInfo.processIdentifier).tmp")
                try file.contents.write(to: temporary)
                temporaries.append((temporary, target))
            }
            for (temporary, target) in temporaries {
                if rename(temporary.path, target.path) != 0 {
                    throw EngineError.usage("cannot write '\(target.path)': \(String(cString: strerror(errno)))")
                }
            }
        } catch {
            for (temporary, _) in temporaries { try? FileManager.default.removeItem(at: temporary) }
            if let error = error as? EngineError { throw error }
            throw EngineError.usage("cannot write reports in '\(folder.path)': \(error.localizedDescription)")
        }
    }
}
