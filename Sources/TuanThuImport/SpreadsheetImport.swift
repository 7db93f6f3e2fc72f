import Foundation
import TuanThuPKI
import TuanThuEngine

/// `tuanthu import`: an officer's table of systems into inventory YAML, new or merged into an
/// existing inventory without losing what was written there by hand.
public struct SpreadsheetImport {
    public struct Outcome {
        /// The inventory to write.
        public let text: String
        public let added: [String]
        public let updated: [String]
        public let unchanged: [String]
        /// Systems of the inventory that the sheet does not list: kept as written.
        public let kept: [String]
        public let ignoredHeaders: [String]
        public let sheet: String?
    }

    /// Reads `file` (.xlsx or .csv). `existing` is the inventory to update (its text and how to name
    /// it); without one, `organization` names the organisation of the new inventory. An approval
    /// whose regime the sheet does not give is under the regime `catalog` has in force on its date.
    public static func run(file: URL, display: String, sheet: String?, mapping: (URL, String)?,
                           existing: (text: String, display: String)?, organization: (id: String, name: String)?,
                           catalog: RuleCatalog, today: Day) throws -> Outcome {
        let data: Data
        do {
            data = Data(try FileBytes.read(file, path: display, limit: SheetLimits.fileSize))
        } catch let error as PKIError {
            throw EngineError.unreadable(path: display, reason: error.reason)
        }
        let table: Sheet
        switch file.pathExtension.lowercased() {
        case "xlsx", "xlsm": table = try XLSXReader.read(data, file: display, sheet: sheet)
        case "csv", "txt": table = try CSVReader.read(data, file: display)
        default:
            throw EngineError.usage("'\(display)': import reads .xlsx or .csv files (save other formats as one of them)")
        }
        let extra = try mapping.map { try ColumnMap.mapping($0.0, display: $0.1) } ?? [:]
        let columns = try ColumnMap.find(in: table, extra: extra)
        let current = try existing.map { try CurrentInventory(text: $0.text, display: $0.display) }
        guard let org = current.map({ (id: $0.organizationID, name: $0.organizationName) }) ?? organization else {
            throw EngineError.usage("a new inventory needs the organisation: give --org-id and --name "
                                    + "(or --out an existing inventory to update)")
        }
        var systems = try RowDecoder(sheet: table, columns: columns, organization: org,
                                     owners: current?.owners ?? [:], units: current?.units ?? [:],
                                     regimeOn: { catalog.selector.inForce(on: $0)?.id }).decode()
        let source = "\(display)\(table.name.map { " (\($0))" } ?? "")"
        guard var inventory = current else {
            let text = NewInventory.render(organization: org, systems: systems, source: source, today: today)
            return Outcome(text: text, added: systems.map(\.id), updated: [], unchanged: [], kept: [],
                           ignoredHeaders: columns.ignored, sheet: table.name)
        }
        // Systems the inventory has, matched by id or else by name, keep their id.
        for index in systems.indices {
            if let known = inventory.system(id: systems[index].id) ?? inventory.system(named: systems[index].name) {
                systems[index].id = known.id
            }
        }
        let outcome = try inventory.merge(systems, source: source, today: today)
        return Outcome(text: outcome.text, added: outcome.added, updated: outcome.updated, unchanged: outcome.unchanged,
                       kept: outcome.kept, ignoredHeaders: columns.ignored, sheet: table.name)
    }
}

/// A new inventory file, in the layout `tuanthu init` uses.
enum NewInventory {
    static func render(organization: (id: String, name: String), systems: [ImportedSystem], source: String,
                       today: Day) -> String {
        var lines = [
            "# Kiểm kê hệ thống thông tin — \(organization.name)",
            "# Nhập ngày \(today) bằng `tuanthu import` từ \(source).",
            "# Nhập lại từ bảng tính chỉ cập nhật các cột của bảng; những gì viết tay ở đây (controls,",
            "# certificates, assessments, chú thích) được giữ nguyên.",
            "organization:",
            "  id: \(organization.id)",
            "  name: \(RowDecoder.quoted(organization.name))",
            "  # Đánh dấu đúng một đơn vị là đơn vị chuyên trách về an toàn thông tin: security-unit: true",
            "  units:",
        ]
        var units: [(String, String)] = []
        for system in systems { if let unit = system.newUnit, !units.contains(where: { $0.0 == unit.id }) { units.append(unit) } }
        lines += units.map { "    - { id: \($0.0), name: \(RowDecoder.quoted($0.1)) }" }
        lines.append("systems:")
        for system in systems { lines += SystemBlock.lines(system).enumerated().map { ($0.offset == 0 ? "  - " : "    ") + $0.element } }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// A system's fields as nested YAML lines (no indentation for its own keys).
enum SystemBlock {
    static func lines(_ system: ImportedSystem) -> [String] {
        ["id: \(system.id)"] + nested(system.fields.map { ($0.path.split(separator: ".").map(String.init), $0.value) })
    }

    /// `(["level", "approval", "date"], v)` pairs as nested lines, in first-appearance order.
    static func nested(_ pairs: [([String], String)], depth: Int = 0) -> [String] {
        var order: [String] = []
        var groups: [String: [([String], String)]] = [:]
        for (path, value) in pairs {
            guard let head = path.first else { continue }
            if groups[head] == nil { order.append(head) }
            groups[head, default: []].append((Array(path.dropFirst()), value))
        }
        var lines: [String] = []
        for head in order {
            let items = groups[head] ?? []
            if items.count == 1, items[0].0.isEmpty {
                lines.append("\(head): \(items[0].1)")
            } else {
                lines.append("\(head):")
                lines += nested(items.filter { !$0.0.isEmpty }).map { "  " + $0 }
            }
        }
        return lines
    }
}
