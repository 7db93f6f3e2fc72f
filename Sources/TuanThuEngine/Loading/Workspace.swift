import Foundation

/// The audited repository: `Rules/`, `Inventories/`, `Reports/`, and the confinement of paths to it.
public struct Workspace: Sendable {
    /// The workspace root with symlinks resolved.
    public let root: URL

    public init(root: URL) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw EngineError.usage("workspace '\(root.path)' is not a folder")
        }
        self.root = root.standardizedFileURL.resolvingSymlinksInPath()
    }

    /// How a file is named in messages and reports: relative to the workspace when inside it.
    public func displayPath(_ url: URL) -> String {
        let path = url.standardizedFileURL.resolvingSymlinksInPath().path
        let base = root.path.hasSuffix("/") ? root.path : root.path + "/"
        if path.hasPrefix(base) { return String(path.dropFirst(base.count)) }
        return url.path
    }

    public func contains(_ url: URL) -> Bool {
        let path = url.standardizedFileURL.resolvingSymlinksInPath().path
        return path == root.path || path.hasPrefix(root.path.hasSuffix("/") ? root.path : root.path + "/")
    }

    /// Resolves a path written in a file, relative to that file's folder, and refuses one that
    /// leaves the workspace (through `..`, an absolute path or a symlink) or does not exist.
    public func resolve(_ written: String, relativeTo file: URL, at node: YNode, what: String) throws -> String {
        guard !written.hasPrefix("/") else {
            throw node.error("\(what) '\(written)' must be relative to the inventory file")
        }
        let url = file.deletingLastPathComponent().appendingPathComponent(written).standardizedFileURL
        let resolved = url.resolvingSymlinksInPath()
        guard contains(url), contains(resolved) else {
            throw node.error("\(what) '\(written)' leads outside the workspace")
        }
        guard FileManager.default.fileExists(atPath: resolved.path) else {
            throw node.error("\(what) '\(written)' does not exist")
        }
        return displayPath(resolved)
    }

    /// The `.yaml`/`.yml` files at `url` (the file itself, or those in the folder, sorted by path).
    /// With `recursive`, subfolders are searched too; without it they are left alone, as
    /// `Inventories/` keeps artefacts (evidence, certificates) in its subfolders.
    public static func yamlFiles(at url: URL, recursive: Bool) throws -> [URL] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw EngineError.usage("'\(url.path)' does not exist")
        }
        guard isDirectory.boolValue else { return [url] }
        let options: FileManager.DirectoryEnumerationOptions = recursive ? [] : [.skipsSubdirectoryDescendants]
        guard let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey],
                                                              options: options) else {
            return []
        }
        var files: [URL] = []
        for case let file as URL in enumerator where ["yaml", "yml"].contains(file.pathExtension.lowercased()) {
            files.append(file)
        }
        return files.sorted { $0.path < $1.path }
    }
}
