import Foundation
import TuanThuPKI

/// Whether a workspace still holds the files a JSON report's manifest lists (`verify-report`).
public struct ManifestCheck: Sendable {
    public enum State: String, Sendable, Codable {
        /// Same bytes as when the report was written.
        case unchanged
        case changed
        /// No longer there (or no longer a readable file).
        case missing
    }

    public struct Entry: Sendable {
        public var file: InputManifest.Entry
        public var state: State
        /// The digest now, when the file is there.
        public var sha256: String?
    }

    /// The report's organisation, audit date and manifest digest, as the report gives them.
    public var organization: String?
    public var asOf: String?
    public var sha256: String
    public var entries: [Entry]

    public var matches: Bool { entries.allSatisfy { $0.state == .unchanged } }

    /// Reads the manifest of a JSON report (schemaVersion 1.3 or later) and checks every file
    /// against `workspace` (built-in rules against this tool's own).
    public static func verify(report url: URL, displayPath: String, workspace: Workspace) throws -> ManifestCheck {
        // Read as a stream: only the manifest, the organisation and the date become nodes.
        var reader = try JSONReader(contentsOf: url, displayPath: displayPath)
        let top = reader.location()
        var version: YNode?
        var manifestNode: YNode?
        var organization: String?
        var asOf: String?
        try reader.object("a tuanthu JSON report") { key, reader in
            switch key {
            case "schemaVersion": version = try reader.value()
            case "manifest": manifestNode = try reader.optionalValue()
            case "organization":
                organization = try reader.optionalValue()?.mapping("organization").optional("id")?.string("id")
            case "asOf": asOf = try reader.optionalValue()?.string("asOf")
            default: try reader.skip()
            }
        }
        try reader.end()
        guard let version else {
            throw EngineError.input(top, "a tuanthu JSON report is missing required key 'schemaVersion'")
        }
        _ = try version.string("schemaVersion")
        guard let manifestNode else {
            throw EngineError.input(top, "the report has no manifest of its inputs (it was written by a tuanthu older "
                                    + "than schemaVersion 1.3): audit again to get one")
        }
        let manifest = try manifestNode.mapping("manifest")
        var files: [InputManifest.Entry] = []
        for item in try manifest.required("files").list("files") {
            let entry = try item.mapping("manifest file")
            let sizeNode = try entry.required("bytes")
            files.append(InputManifest.Entry(
                path: try entry.required("path").string("path"),
                kind: try entry.required("kind").enumValue("kind", as: InputManifest.Kind.self),
                sha256: try entry.required("sha256").string("sha256"),
                bytes: try sizeNode.int("bytes", in: 0...Int.max)))
        }
        let builtIn = Dictionary(RuleSet.builtIn.files.map { ($0.display, $0.bytes) }
                                 + RuleSet.builtIn.anchors.map { ($0.display, $0.bytes) }) { first, _ in first }
        let entries = try Parallel.map(files) { file -> Entry in
            let now: String?
            if file.path.hasPrefix("tuanthu:") {
                now = builtIn[file.path].map(SHA256.hex)
            } else {
                let path = file.path.hasPrefix("/") ? file.path : workspace.filePath(file.path)
                now = SHA256.file(atPath: path)?.hex
            }
            let state: State = now == nil ? .missing : (now == file.sha256 ? .unchanged : .changed)
            return Entry(file: file, state: state, sha256: now)
        }
        return ManifestCheck(organization: organization, asOf: asOf,
                             sha256: try manifest.required("sha256").string("sha256"), entries: entries)
    }
}
