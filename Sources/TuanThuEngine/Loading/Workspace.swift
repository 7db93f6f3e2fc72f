import Foundation
import TuanThuPKI

/// The audited repository: `Rules/`, `Inventories/`, `Reports/`, and the confinement of paths to it.
public struct Workspace: Sendable {
    /// The workspace root with symlinks resolved.
    public let root: URL
    /// `root.path` without a trailing slash, and the prefix of every path inside it (`/` for the
    /// root folder), made once: paths are checked against them by the thousand.
    private let rootPath: String
    private let rootPrefix: String
    /// Real paths of the folders that paths were resolved in (see `realPath(ofLexical:)`).
    private let realFolders = LockedCache<String, String>()
    /// The workspace's folder inside the git repository that holds it (`compliance/`), or "" when it
    /// is the repository's root or in none: what CI annotations and SARIF put before its paths, which
    /// forges read from the repository root.
    public let repositoryPrefix: String

    /// The prefix of the last workspace opened in this process (a command opens one), for input
    /// errors annotated in CI, which are reported before any report has a workspace to ask.
    public static var currentRepositoryPrefix: String { lastPrefix.value(for: "") ?? "" }
    private static let lastPrefix = LockedCache<String, String>()

    public init(root: URL) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw EngineError.usage("workspace '\(root.path)' is not a folder")
        }
        self.root = root.standardizedFileURL.resolvingSymlinksInPath()
        let path = self.root.path
        self.rootPath = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        self.rootPrefix = rootPath.hasSuffix("/") ? rootPath : rootPath + "/"
        self.repositoryPrefix = Self.prefix(inRepositoryOf: self.root)
        Self.lastPrefix.store(repositoryPrefix, for: "")
    }

    /// The path from the nearest folder at or above `root` holding `.git` down to `root`, with a
    /// trailing slash; "" at the repository root or outside any repository.
    static func prefix(inRepositoryOf root: URL) -> String {
        var folder = root
        var below: [String] = []
        while true {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(".git").path) {
                return below.isEmpty ? "" : below.joined(separator: "/") + "/"
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return "" }
            below.insert(folder.lastPathComponent, at: 0)
            folder = parent
        }
    }

    /// Whether an absolute path is the root or inside it.
    private func isInside(_ path: String) -> Bool { path == rootPath || path.hasPrefix(rootPrefix) }

    /// The file system path of a workspace-relative path, without `URL` arithmetic (paths of
    /// certificates are built by the ten thousand).
    public func filePath(_ relative: String) -> String { rootPrefix + relative }

    /// How a file is named in messages and reports: relative to the workspace when inside it.
    public func displayPath(_ url: URL) -> String {
        let path = url.standardizedFileURL.resolvingSymlinksInPath().path
        if path.hasPrefix(rootPrefix) { return String(path.dropFirst(rootPrefix.count)) }
        return url.path
    }

    /// The real path of the folder holding `file` (what `resolve(_:inFolder:at:what:)` wants; a
    /// decoder finds it once per file).
    static func realFolder(of file: URL) -> String {
        let folder = file.deletingLastPathComponent().path
        return realPath(folder) ?? folder
    }

    /// Resolves a path written in a file, relative to that file's (real) folder, and refuses one
    /// that leaves the workspace (through `..`, an absolute path or a symlink) or does not exist.
    func resolve(_ written: String, inFolder base: String, at node: YNode, what: String) throws -> String {
        guard !written.hasPrefix("/") else {
            throw node.error("\(what) '\(written)' must be relative to the inventory file")
        }
        // Lexically first, from the real folder of the inventory file: `..` may not climb out of
        // the workspace, even to come back in.
        // Split at every `/` byte, as the system does: a `/` followed by a combining mark is one
        // character for Swift but still a separator for the file system (and bytes split faster).
        var parts = Self.components(base)
        for component in Self.components(written) {
            switch component {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(component)
            }
        }
        let lexical = "/" + parts.joined(separator: "/")
        guard isInside(lexical) else { throw node.error("\(what) '\(written)' leads outside the workspace") }
        return try resolveReal(lexical, written: written, at: node, what: what)
    }

    /// The non-empty components of a path, split at each `/` byte.
    static func components(_ path: String) -> [String] {
        path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true)
            .map { String(decoding: $0, as: UTF8.self) }
    }

    /// Then really: following every symlink (`realpath`), the file must exist inside the workspace.
    private func resolveReal(_ path: String, written: String, at node: YNode, what: String) throws -> String {
        guard let real = realPath(ofLexical: path) else {
            if FileManager.default.fileExists(atPath: path) || Self.isDanglingLink(path) {
                throw node.error("\(what) '\(written)' leads outside the workspace")
            }
            throw node.error("\(what) '\(written)' does not exist")
        }
        guard isInside(real) else { throw node.error("\(what) '\(written)' leads outside the workspace") }
        return real == rootPath ? "." : String(real.dropFirst(rootPrefix.count))
    }

    /// `realpath` of a path without `.` or `..`, through the real path of its folder, found once
    /// per folder: thousands of certificates sit in one folder, and `realpath` reads every
    /// component of every path again. A last component that is a symlink, or missing, goes the
    /// long way (`realpath` then follows it, or says why it cannot).
    private func realPath(ofLexical path: String) -> String? {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return Self.realPath(path) }
        let folder = String(path[..<slash])
        let realFolder: String
        if let known = realFolders.value(for: folder) {
            realFolder = known
        } else {
            guard let found = Self.realPath(folder) else { return Self.realPath(path) }
            realFolders.store(found, for: folder)
            realFolder = found
        }
        let candidate = (realFolder == "/" ? "" : realFolder) + path[slash...]
        var status = stat()
        guard lstat(candidate, &status) == 0, (status.st_mode & S_IFMT) != S_IFLNK else { return Self.realPath(path) }
        return candidate
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func isDanglingLink(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFLNK
    }

    /// The `.yaml`/`.yml` files at `url` (the file itself, or those in the folder, sorted by path).
    /// With `recursive`, subfolders are searched too; without it they are left alone, as
    /// `Inventories/` keeps artefacts (evidence, certificates) in its subfolders.
    ///
    /// Every file must really be inside `boundary` (an absolute real path: the workspace for
    /// inventories, the folder given for rules), symbolic links followed at any depth, and be an
    /// ordinary file: a `*.yaml` that is a folder, a named pipe, a device, a link to nothing or a
    /// link out of the boundary is refused here, before anything is opened.
    public static func yamlFiles(at url: URL, recursive: Bool, within boundary: String,
                                 display: (String) -> String = { $0 }) throws -> [URL] {
        let path = url.standardizedFileURL.path
        var status = stat()
        guard stat(path, &status) == 0 else {
            if lstat(path, &status) == 0 {
                throw EngineError.unreadable(path: display(path), reason: "it is a symbolic link to nothing")
            }
            throw EngineError.usage("'\(url.path)' does not exist")
        }
        let inside = boundary.hasSuffix("/") ? boundary : boundary + "/"
        /// The real path of `file`, which must lie inside the boundary.
        func confined(_ file: String) throws -> String {
            guard let real = realPath(file) else {
                throw EngineError.unreadable(path: display(file), reason: "it is a symbolic link to nothing")
            }
            guard real == boundary || real.hasPrefix(inside) else {
                var link = stat()
                let how = lstat(file, &link) == 0 && (link.st_mode & S_IFMT) == S_IFLNK
                    ? "it is a symbolic link leading outside '\(boundary)' (to '\(real)')" : "it lies outside '\(boundary)'"
                throw EngineError.unreadable(path: display(file), reason: how + "; inventories and rules are read only "
                                             + "inside their workspace")
            }
            return real
        }
        _ = try confined(path)
        guard (status.st_mode & S_IFMT) == S_IFDIR else {
            if let kind = FileBytes.notAFile(status.st_mode) {
                throw EngineError.unreadable(path: display(path), reason: "cannot read: " + kind)
            }
            return [url]
        }
        var files: [URL] = []
        func walk(_ folder: String, depth: Int) throws {
            guard depth < 64, let directory = opendir(folder) else { return }
            defer { closedir(directory) }
            var names: [String] = []
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name != ".", name != ".." { names.append(name) }
            }
            for name in names.sorted() {
                let file = folder + "/" + name
                var entry = stat()
                guard lstat(file, &entry) == 0 else { continue }
                let isYAML = ["yaml", "yml"].contains((name as NSString).pathExtension.lowercased())
                switch entry.st_mode & S_IFMT {
                case S_IFDIR:
                    if isYAML { throw EngineError.unreadable(path: display(file), reason: "cannot read: it is a folder, not a file") }
                    if recursive, name != ".git" { try walk(file, depth: depth + 1) }
                case S_IFLNK:
                    guard isYAML else { continue }
                    let real = try confined(file)
                    var target = stat()
                    guard stat(real, &target) == 0 else { continue }
                    if let kind = FileBytes.notAFile(target.st_mode) {
                        throw EngineError.unreadable(path: display(file), reason: "cannot read: " + kind)
                    }
                    files.append(URL(fileURLWithPath: file))
                default:
                    guard isYAML else { continue }
                    if let kind = FileBytes.notAFile(entry.st_mode) {
                        throw EngineError.unreadable(path: display(file), reason: "cannot read: " + kind)
                    }
                    files.append(URL(fileURLWithPath: file))
                }
            }
        }
        try walk(path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path, depth: 0)
        return files.sorted { $0.path < $1.path }
    }

    /// The inventory files at `url`, confined to this workspace.
    public func inventoryFiles(at url: URL) throws -> [URL] {
        try Self.yamlFiles(at: url, recursive: false, within: rootPath) { self.lexicalDisplayPath($0) }
    }

    /// How a path is named in messages, relative to the workspace when it is written inside it,
    /// symbolic links not followed (a link is named where it stands, not where it leads).
    public func lexicalDisplayPath(_ path: String) -> String {
        path.hasPrefix(rootPrefix) ? String(path.dropFirst(rootPrefix.count)) : path
    }
}
