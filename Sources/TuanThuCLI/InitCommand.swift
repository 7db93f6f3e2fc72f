import ArgumentParser
import Foundation
import TuanThuEngine
import TuanThuReport

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a workspace: a commented inventory template, a waivers file, .gitignore and CI jobs.",
        discussion: """
            Writes DIR/Inventories/ORG-ID.yaml, DIR/waivers.yaml, DIR/.gitignore, and at the root of the \
            git repository holding DIR (DIR itself when there is none) .github/workflows/tuan-thu.yml and \
            .gitlab-ci.yml. Nothing is overwritten: if any of these exists, nothing is written. Without \
            --org-id or --name, asks for them on a terminal.
            """)

    @Argument(help: "The folder of the new workspace (created if missing).")
    var directory: String = "."

    @Option(name: .customLong("org-id"), help: "The organisation's id: lowercase letters, digits and hyphens.")
    var orgID: String?

    @Option(name: .long, help: "The organisation's name, in full.")
    var name: String?

    @Option(name: .customLong("tool-source"), help: "The git repository CI jobs build tuanthu from.")
    var toolSource: String = ToolInfo.repository

    @Option(name: .customLong("tool-version"), help: "The tuanthu version (a tag of that repository) CI jobs use.")
    var toolVersion: String = ToolInfo.version

    @Option(name: .long, help: "Language of the messages: vi or en.")
    var lang: Language = .vi

    func run() throws {
        let vi = lang == .vi
        let id = try orgID ?? ask(vi ? "Mã cơ quan (chữ thường không dấu, số, gạch ngang, vd. snv-tq): "
                                     : "Organisation id (lowercase letters, digits, hyphens, e.g. snv-tq): ", "--org-id")
        guard !id.isEmpty, id.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }),
              id.first != "-" else {
            throw EngineError.usage("organisation id '\(id)' must be lowercase letters, digits and hyphens (e.g. snv-tq)")
        }
        let fullName = try name ?? ask(vi ? "Tên cơ quan (vd. Sở Nội vụ tỉnh Tuyên Quang): "
                                          : "Organisation name (e.g. Sở Nội vụ tỉnh Tuyên Quang): ", "--name")
        guard !fullName.trimmingCharacters(in: .whitespaces).isEmpty,
              !fullName.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw EngineError.usage("the organisation's name must be one line of text")
        }
        guard toolVersion.range(of: #"^[A-Za-z0-9._+-]+$"#, options: .regularExpression) != nil,
              !toolSource.isEmpty, !toolSource.contains(where: { $0 == "\n" || $0 == "\"" || $0 == " " }) else {
            throw EngineError.usage("--tool-source must be a repository address and --tool-version a tag name")
        }
        let folder = URL(fileURLWithPath: directory).standardizedFileURL
        let repository = Self.repositoryRoot(of: folder) ?? folder
        let relative = Self.relativePath(of: folder, under: repository)
        let source = WorkspaceFiles.ToolSource(repository: toolSource, version: toolVersion)
        let files: [(URL, String)] = [
            (folder.appendingPathComponent("Inventories/\(id).yaml"),
             InventoryTemplate.render(organizationID: id, name: fullName.trimmingCharacters(in: .whitespaces))),
            (folder.appendingPathComponent("waivers.yaml"), WorkspaceFiles.waivers),
            (folder.appendingPathComponent(".gitignore"), WorkspaceFiles.gitignore),
            (repository.appendingPathComponent(".github/workflows/tuan-thu.yml"),
             WorkspaceFiles.githubWorkflow(source, workspace: relative)),
            (repository.appendingPathComponent(".gitlab-ci.yml"), WorkspaceFiles.gitlabCI(source, workspace: relative)),
        ]
        try FileSet(files).writeAll()
        let shown = files.map { "  " + Self.relativePath(of: $0.0, under: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) }
        Console.out((vi ? "Đã tạo:" : "Written:") + "\n" + shown.joined(separator: "\n"))
        let ws = directory == "." ? "" : " \(directory)"
        Console.out(vi
            ? """

              Tiếp theo:
                1. Sửa Inventories/\(id).yaml theo các hệ thống của cơ quan (chú thích trong tệp hướng dẫn từng trường).
                2. tuanthu checklist vi-du\(ws) --write   điền danh sách yêu cầu theo cấp độ (thay vi-du bằng mã hệ thống).
                3. tuanthu audit\(ws)                       đánh giá và ghi báo cáo vào Reports/.
              CI dùng tuanthu \(toolVersion) từ \(toolSource) (sửa TUANTHU_REPO, TUANTHU_VERSION trong tệp CI nếu cần).
              """
            : """

              Next:
                1. Edit Inventories/\(id).yaml for the organisation's systems (the comments explain each field).
                2. tuanthu checklist vi-du\(ws) --write   fill in the requirements of the level (use your system's id).
                3. tuanthu audit\(ws)                       audit and write Reports/.
              CI uses tuanthu \(toolVersion) from \(toolSource) (change TUANTHU_REPO, TUANTHU_VERSION in the CI files if needed).
              """)
    }

    /// Asks on a terminal; without one, the option is required.
    private func ask(_ prompt: String, _ option: String) throws -> String {
        guard isatty(STDIN_FILENO) == 1 else {
            throw EngineError.usage("give \(option) (there is no terminal to ask on)")
        }
        FileHandle.standardError.write(Data(prompt.utf8))
        guard let line = readLine() else { throw EngineError.usage("give \(option)") }
        return line.trimmingCharacters(in: .whitespaces)
    }

    /// The nearest folder at or above `folder` holding `.git`.
    static func repositoryRoot(of folder: URL) -> URL? {
        var current = folder.resolvingSymlinksInPath()
        while true {
            if FileManager.default.fileExists(atPath: current.appendingPathComponent(".git").path) { return current }
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { return nil }
            current = parent
        }
    }

    static func relativePath(of url: URL, under root: URL) -> String {
        let path = url.resolvingSymlinksInPathOfExisting().path
        let base = root.resolvingSymlinksInPathOfExisting().path
        if path == base { return "." }
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : url.path
    }
}

extension URL {
    /// Symlinks resolved in the longest part of the path that exists (the rest is to be created).
    func resolvingSymlinksInPathOfExisting() -> URL {
        var existing = self
        var rest: [String] = []
        while !FileManager.default.fileExists(atPath: existing.path), existing.path != "/" {
            rest.insert(existing.lastPathComponent, at: 0)
            existing = existing.deletingLastPathComponent()
        }
        return rest.reduce(existing.resolvingSymlinksInPath()) { $0.appendingPathComponent($1) }
    }
}

/// New files written all or none: refused if any exists, each written to a temporary file first.
struct FileSet {
    let files: [(URL, String)]

    init(_ files: [(URL, String)]) { self.files = files }

    func writeAll() throws {
        for (url, _) in files where FileManager.default.fileExists(atPath: url.path) {
            throw EngineError.usage("'\(url.path)' already exists; nothing was written (init never overwrites)")
        }
        var written: [URL] = []
        var temporaries: [(URL, URL)] = []
        do {
            for (url, text) in files {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                let temporary = url.deletingLastPathComponent()
                    .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
                try Data(text.utf8).write(to: temporary)
                temporaries.append((temporary, url))
            }
            for (temporary, url) in temporaries {
                guard link(temporary.path, url.path) == 0 else {
                    throw EngineError.usage("cannot write '\(url.path)': \(String(cString: strerror(errno)))")
                }
                written.append(url)
            }
            temporaries.forEach { try? FileManager.default.removeItem(at: $0.0) }
        } catch {
            temporaries.forEach { try? FileManager.default.removeItem(at: $0.0) }
            written.forEach { try? FileManager.default.removeItem(at: $0) }
            if let error = error as? EngineError { throw error }
            throw EngineError.usage("cannot write the workspace: \(error.localizedDescription)")
        }
    }
}
