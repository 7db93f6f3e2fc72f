import Foundation

/// Temporary folders for one test run. They all sit below one folder, which is removed when the test
/// process exits, so a run leaves nothing behind in the system's temporary directory.
enum Scratch {
    static let root: URL = {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("tuanthu-cli-tests-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: root)
        try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: Scratch.root) }
        return root
    }()

    /// A fresh path (not yet created) named after what it holds.
    static func folder(_ name: String) -> URL {
        root.appendingPathComponent("\(name)-\(UUID().uuidString)")
    }
}
