import Foundation
import TuanThuEngine

/// Replaces an inventory file only with text that loads: written beside it, loaded, then renamed
/// over it (`checklist --write`, `import --out`). On failure the file is as it was.
enum InventoryReplacement {
    static func write(_ text: String, to target: URL, display: String, workspace: Workspace) throws {
        let folder = target.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(target.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try Data(text.utf8).write(to: temporary)
        } catch {
            throw EngineError.usage("cannot write '\(display)': \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(at: temporary) }
        do {
            _ = try InventoryLoader(workspace: workspace).load(files: [temporary])
        } catch {
            let errors = EngineErrors(of: error).errors.map {
                $0.message.replacingOccurrences(of: workspace.displayPath(temporary), with: display)
            }
            throw EngineError.usage("the new \(display) would not load, so it was not written:\n"
                                    + errors.joined(separator: "\n"))
        }
        guard rename(temporary.path, target.path) == 0 else {
            throw EngineError.usage("cannot write '\(display)': \(String(cString: strerror(errno)))")
        }
    }
}
