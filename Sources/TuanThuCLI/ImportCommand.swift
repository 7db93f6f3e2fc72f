import ArgumentParser
import Foundation
import TuanThuEngine
import TuanThuImport
import TuanThuPKI

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn a spreadsheet of systems (.xlsx or .csv) into inventory YAML, or update an inventory from it.",
        discussion: """
            Columns are recognised by their headers, in Vietnamese or English (Tên hệ thống, Chủ quản, Đơn vị \
            vận hành, Loại hệ thống, Loại thông tin, Ngày đưa vào vận hành, Cấp độ đề xuất, Số và ngày quyết \
            định phê duyệt, Cấp phê duyệt, …); --mapping FILE names unusual ones \
            (columns: { "Tên HT": name }). With --out an existing inventory, the sheet's columns update its \
            systems (matched by id, else by name) and new systems are added; everything else written there \
            stays as it was. Errors name the cell: FILE.xlsx:Sheet1!C7.
            """)

    @Argument(help: "The spreadsheet: .xlsx, or .csv (UTF-8, comma or semicolon).")
    var file: String

    @Option(name: .long, help: "The inventory to write or update (default: print the new inventory).")
    var out: String?

    @Option(name: .long, help: "The worksheet to read (default: the first).")
    var sheet: String?

    @Option(name: .long, help: "A YAML file naming unusual headers: columns: { \"Header\": field }.")
    var mapping: String?

    @Option(name: .customLong("org-id"), help: "The organisation's id, for a new inventory.")
    var orgID: String?

    @Option(name: .long, help: "The organisation's name, for a new inventory.")
    var name: String?

    @Option(name: .customLong("as-of"), help: "The date written in the inventory's notes (default: today in Vietnam).")
    var asOf: Day?

    @Option(name: .long, help: "Language of the messages: vi or en.")
    var lang: Language = .vi

    func run() throws {
        let source = URL(fileURLWithPath: file)
        let target = out.map { URL(fileURLWithPath: $0) }
        let existing = try target.flatMap { url -> (text: String, display: String)? in
            guard FileManager.default.fileExists(atPath: url.path) else { return nil }
            return (try YAMLLoader.text(of: url, displayPath: url.relativePath), url.relativePath)
        }
        let organization = try orgID.map { id -> (id: String, name: String) in
            guard let name else { throw EngineError.usage("--org-id needs --name") }
            return (id, name)
        }
        let today = asOf ?? Day(inVietnamAt: Timestamp(seconds: Int64(Date().timeIntervalSince1970.rounded(.down))))
        let outcome = try SpreadsheetImport.run(
            file: source, display: source.relativePath, sheet: sheet,
            mapping: mapping.map { (URL(fileURLWithPath: $0), $0) }, existing: existing,
            organization: organization,
            catalog: try CatalogLoader(workspace: try Workspace(root: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)))
                .load(RuleSet.builtIn),
            today: today)
        guard let target else {
            Console.out(outcome.text.hasSuffix("\n") ? String(outcome.text.dropLast()) : outcome.text)
            return
        }
        try write(outcome.text, to: target)
        let vi = lang == .vi
        var lines = [vi ? "\(target.relativePath): \(outcome.added.count) hệ thống thêm mới, \(outcome.updated.count) cập nhật, "
                        + "\(outcome.unchanged.count) không đổi"
                        : "\(target.relativePath): \(outcome.added.count) systems added, \(outcome.updated.count) updated, "
                        + "\(outcome.unchanged.count) unchanged"]
        if !outcome.kept.isEmpty {
            lines.append((vi ? "  không có trong bảng tính, giữ nguyên: " : "  not in the spreadsheet, kept as written: ")
                         + outcome.kept.joined(separator: ", "))
        }
        if !outcome.ignoredHeaders.isEmpty {
            lines.append((vi ? "  cột không nhận ra, bỏ qua (dùng --mapping nếu cần): " : "  columns not recognised, ignored (see --mapping): ")
                         + outcome.ignoredHeaders.map { "\"\($0)\"" }.joined(separator: ", "))
        }
        Console.out(lines.joined(separator: "\n"))
    }

    /// Writes only an inventory that loads.
    private func write(_ text: String, to target: URL) throws {
        let folder = target.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let root = folder.lastPathComponent == "Inventories" ? folder.deletingLastPathComponent() : folder
        try InventoryReplacement.write(text, to: target, display: target.relativePath, workspace: try Workspace(root: root))
    }
}
