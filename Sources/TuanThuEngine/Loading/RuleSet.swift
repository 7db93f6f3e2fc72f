import Foundation
import TuanThuPKI
import TuanThuRules

/// One file of a set of rules: a YAML file, or a trust anchor under `trust/`.
public struct RuleFile: Sendable, Equatable {
    /// The path inside the set (`core/pki.yaml`, `trust/vgca-rootca-g2.pem`).
    public let path: String
    /// How messages name it: workspace-relative for a folder, `tuanthu:Rules/…` for the built-in set.
    public let display: String
    public let bytes: [UInt8]
}

/// A set of rules and where it came from: the catalog built into the tool, a folder given with
/// `--rules`, or a workspace's own policies (which only extend and tighten the catalog).
public struct RuleSet: Sendable {
    public enum Origin: Sendable, Equatable {
        case builtIn
        /// A folder, named as messages name it.
        case folder(String)
    }

    public let origin: Origin
    /// The YAML files, sorted by path.
    public let files: [RuleFile]
    /// The certificates directly in `trust/` (`.pem`, `.crt`, `.cer`, `.der`), sorted by path.
    public let anchors: [RuleFile]

    /// How messages name the whole set.
    public var display: String {
        switch origin {
        case .builtIn: "tuanthu:Rules"
        case .folder(let path): path
        }
    }

    /// SHA-256 over every file's path, length and bytes, in path order: the same rules give the
    /// same digest wherever they are read from.
    public let digest: String

    init(origin: Origin, files: [RuleFile], anchors: [RuleFile]) {
        self.origin = origin
        self.files = files
        self.anchors = anchors
        var bytes: [UInt8] = []
        for file in (files + anchors).sorted(by: { $0.path < $1.path }) {
            bytes += Array(file.path.utf8) + [0] + Array(String(file.bytes.count).utf8) + [0] + file.bytes
        }
        digest = SHA256.hex(bytes)
    }

    /// The catalog that ships with this build of tuanthu (generated from the repository's `Rules/`).
    public static let builtIn: RuleSet = {
        var files: [RuleFile] = []
        var anchors: [RuleFile] = []
        for (path, text) in BuiltInRules.files {
            let file = RuleFile(path: path, display: "tuanthu:Rules/" + path, bytes: Array(text.utf8))
            if isAnchor(path) { anchors.append(file) } else { files.append(file) }
        }
        return RuleSet(origin: .builtIn, files: files.sorted { $0.path < $1.path },
                       anchors: anchors.sorted { $0.path < $1.path })
    }()

    /// The version the built-in catalog gives itself (`catalog.yaml`), with its digest: what
    /// `tuanthu --version` names.
    public static let builtInVersionLabel: String = {
        let version = (try? CatalogLoader.version(of: builtIn)) ?? nil
        return RulesProvenance(origin: .builtIn, version: version, digest: builtIn.digest).versionLabel
    }()

    /// The YAML files of a folder (recursively) and the certificates in its `trust/` subfolder.
    public static func folder(_ url: URL, workspace: Workspace) throws -> RuleSet {
        let root = url.standardizedFileURL.resolvingSymlinksInPath()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory) else {
            throw EngineError.usage("'\(url.path)' does not exist")
        }
        guard isDirectory.boolValue else { throw EngineError.usage("'\(url.path)' is not a folder of rules") }
        func read(_ file: URL) throws -> RuleFile {
            let display = workspace.displayPath(file)
            let bytes = try FileBytes.read(file, path: display, limit: YAMLLoader.maximumFileSize)
            return RuleFile(path: relative(file, to: root), display: display, bytes: bytes)
        }
        do {
            let files = try Workspace.yamlFiles(at: root, recursive: true, within: root.path) {
                workspace.lexicalDisplayPath($0)
            }.map(read)
            let anchors = try PKISession.certificateFiles(in: root.appendingPathComponent("trust")).map(read)
            return RuleSet(origin: .folder(workspace.displayPath(root)), files: files, anchors: anchors)
        } catch let error as PKIError {
            throw EngineError.unreadable(path: error.path, reason: error.reason)
        }
    }

    /// Whether a path of the set is a trust anchor rather than a rules file.
    static func isAnchor(_ path: String) -> Bool {
        guard path.hasPrefix("trust/"), !path.dropFirst(6).contains("/") else { return false }
        return anchorExtensions.contains((path as NSString).pathExtension.lowercased())
    }

    static let anchorExtensions: Set<String> = ["pem", "crt", "cer", "der"]

    private static func relative(_ file: URL, to root: URL) -> String {
        let path = file.standardizedFileURL.resolvingSymlinksInPath().path
        let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : file.lastPathComponent
    }
}
