import Foundation
import TuanThuEngine

/// One system as a spreadsheet row gives it: inventory fields (dotted paths) with their YAML
/// values, in the order an inventory writes them.
struct ImportedSystem {
    var id: String
    var name: String
    /// `(path, YAML value)`: `("level.approval.date", "2023-06-12")`.
    var fields: [(path: String, value: String)]
    /// A unit to create for the operator, if the inventory has none of that name.
    var newUnit: (id: String, name: String)?
    let row: Int
}

/// Turns the rows of a sheet into systems, each value checked and translated to the inventory's
/// codes; every problem is reported at its cell, all at once.
struct RowDecoder {
    let sheet: Sheet
    let columns: ColumnMap
    let organization: (id: String, name: String)
    /// Bodies that may own systems (besides the organisation): id → name.
    let owners: [String: String]
    /// The organisation's units: id → name.
    let units: [String: String]
    /// The id of the regime in force on a day, as the rules' regimes say (their `effective` dates).
    let regimeOn: (Day) -> String?

    static let required: [ImportField] = [.name, .operator, .type, .information, .inService]

    func decode() throws -> [ImportedSystem] {
        let missing = Self.required.filter { columns.fields[$0] == nil }
        guard missing.isEmpty else {
            throw EngineError.cell(sheet.location(row: columns.headerRow, column: 1),
                                   "the sheet has no column for " + missing.map(\.label).joined(separator: ", ")
                                   + "; add it, or name an unusual header with --mapping FILE")
        }
        var systems: [ImportedSystem] = []
        var errors: [EngineError] = []
        var ids: [String: Int] = [:]
        var newUnits: [String: String] = [:]
        for row in sheet.rows where (row.first?.row ?? 0) > columns.headerRow {
            let cells = Dictionary(row.map { ($0.column, $0) }, uniquingKeysWith: { first, _ in first })
            func cell(_ field: ImportField) -> Cell? {
                columns.fields[field].flatMap { cells[$0] }.flatMap { $0.text.isEmpty ? nil : $0 }
            }
            guard let nameCell = cell(.name) else {
                // A row without a name: blank, a total line or a note; skipped unless it holds other fields.
                let filled = ImportField.allCases.filter { cell($0) != nil }
                if !filled.isEmpty, let first = row.first {
                    errors.append(.cell(sheet.location(row: first.row, column: columns.fields[.name] ?? first.column),
                                        "this row has no system name (tên hệ thống)"))
                }
                continue
            }
            let rowNumber = nameCell.row
            var fields: [(String, String)] = []
            var newUnit: (String, String)?
            func attempt(_ field: ImportField, _ body: (Cell) throws -> [(String, String)]) {
                guard let found = cell(field) else { return }
                do { fields += try body(found) } catch let error as EngineError { errors.append(error) } catch {}
            }
            func fail(_ found: Cell, _ text: String) -> EngineError {
                .cell(sheet.location(row: found.row, column: found.column), text)
            }
            // The id: given, or made from the name.
            var id = Self.slug(nameCell.text)
            if let idCell = cell(.id) {
                id = idCell.text.lowercased()
                if id.isEmpty || !id.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) {
                    errors.append(fail(idCell, "system id '\(idCell.text)' must be lowercase letters, digits and hyphens"))
                }
            }
            if let earlier = ids[id] {
                let base = id
                var number = 2
                while ids[id] != nil { id = "\(base)-\(number)"; number += 1 }
                if cell(.id) != nil {
                    errors.append(fail(cell(.id)!, "system id '\(base)' is already used on row \(earlier)"))
                }
            }
            ids[id] = rowNumber
            fields.append(("name", Self.quoted(nameCell.text)))
            // The owner: the organisation unless a column names another declared body.
            if let ownerCell = cell(.owner) {
                let wanted = ImportField.normalize(ownerCell.text)
                if wanted == ImportField.normalize(organization.name) || wanted == organization.id {
                    fields.append(("owner", organization.id))
                } else if let owner = owners.first(where: { $0.key == wanted || ImportField.normalize($0.value) == wanted }) {
                    fields.append(("owner", owner.key))
                } else {
                    errors.append(fail(ownerCell, "owner '\(ownerCell.text)' is neither the organisation "
                                       + "('\(organization.name)') nor a body under organization.owners of the inventory; "
                                       + "declare it there with its kind, then import again"))
                }
            } else {
                fields.append(("owner", organization.id))
            }
            attempt(.operator) { found in
                let wanted = ImportField.normalize(found.text)
                if let unit = units.first(where: { $0.key == found.text || ImportField.normalize($0.value) == wanted }) {
                    return [("operator", unit.key)]
                }
                if let made = newUnits.first(where: { ImportField.normalize($0.value) == wanted }) {
                    return [("operator", made.key)]
                }
                var unitID = Self.slug(found.text)
                while units[unitID] != nil || newUnits[unitID] != nil { unitID += "-2" }
                newUnits[unitID] = found.text
                newUnit = (unitID, found.text)
                return [("operator", unitID)]
            }
            attempt(.type) { found in [("type", try Self.code(found, Values.systemTypes, "system type", fail))] }
            attempt(.information) { found in
                let parts = found.text.components(separatedBy: CharacterSet(charactersIn: ",;/\n"))
                    .flatMap { $0.components(separatedBy: " và ") }
                    .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                let codes = try parts.map { part in
                    try Self.code(Cell(row: found.row, column: found.column, value: .text(part)), Values.information,
                                  "information type", fail)
                }
                var unique: [String] = []
                for code in codes where !unique.contains(code) { unique.append(code) }
                return [("information", "[" + unique.joined(separator: ", ") + "]")]
            }
            attempt(.inService) { found in [("in-service", try Self.day(found, fail).description)] }
            attempt(.changed) { found in [("changed", try Self.day(found, fail).description)] }
            attempt(.level) { found in
                let digits = found.text.filter(\.isNumber)
                guard let level = Int(digits), (1...5).contains(level) else {
                    throw fail(found, "proposed level '\(found.text)' is not a level from 1 to 5")
                }
                return [("level.proposed", String(level))]
            }
            // The approval: number and date (one cell or two), regime from the date unless given.
            var decision: String?
            var date: Day?
            if let both = cell(.approval) {
                do {
                    (decision, date) = try Self.decisionAndDate(both, fail)
                } catch let error as EngineError { errors.append(error) } catch {}
            }
            if let number = cell(.decision) { decision = number.text }
            if let day = cell(.decisionDate) {
                do { date = try Self.day(day, fail) } catch let error as EngineError { errors.append(error) } catch {}
            }
            if decision != nil || date != nil {
                let anchor = cell(.approval) ?? cell(.decision) ?? cell(.decisionDate) ?? nameCell
                if let decision, let date {
                    fields.append(("level.approval.decision", Self.quoted(decision)))
                    fields.append(("level.approval.date", date.description))
                    if let regime = cell(.regime) {
                        attempt(.regime) { _ in [("level.approval.regime", try Self.code(regime, Values.regimes, "regime", fail))] }
                    } else {
                        if let regime = regimeOn(date) {
                            fields.append(("level.approval.regime", regime))
                        } else {
                            errors.append(fail(anchor, "no regime was in force on \(date); add a column \"Chế độ\""))
                        }
                    }
                    if cell(.approver) == nil {
                        errors.append(fail(anchor, "the approval needs who approved it: add a column "
                                           + "\"Cấp phê duyệt\" (chủ quản / đơn vị chuyên trách / Thủ tướng)"))
                    }
                    attempt(.approver) { found in
                        [("level.approval.approver", try Self.code(found, Values.approvers, "approver", fail))]
                    }
                    attempt(.appraiser) { found in
                        [("level.approval.appraiser", try Self.code(found, Values.appraisers, "appraiser", fail))]
                    }
                    if cell(.level) == nil {
                        errors.append(fail(anchor, "an approval needs the approved level (column \"Cấp độ đề xuất\")"))
                    }
                } else {
                    errors.append(fail(anchor, decision == nil ? "the approval's decision number is missing"
                                       : "the approval's date is missing (write \"45/QĐ-ABC ngày 12/6/2023\")"))
                }
            }
            attempt(.servedScope) { found in
                [("classification.served-scope", try Self.code(found, Values.scopes, "served scope", fail))]
            }
            attempt(.personalData) { found in
                let digits = found.text.filter(\.isNumber)
                guard let count = Int(digits), digits.count <= 12 else { throw fail(found, "'\(found.text)' is not a number of people") }
                return [("classification.personal-data-subjects", String(count))]
            }
            attempt(.onlineService) { found in
                [("classification.online-public-service", try Self.code(found, Values.onlineService, "online public service", fail))]
            }
            attempt(.procedures) { found in
                [("classification.administrative-procedures", try Self.code(found, Values.booleans, "yes or no", fail))]
            }
            systems.append(ImportedSystem(id: id, name: nameCell.text, fields: fields,
                                          newUnit: newUnit.map { (id: $0.0, name: $0.1) }, row: rowNumber))
        }
        guard errors.isEmpty else { throw EngineErrors(errors, limit: 50) }
        guard !systems.isEmpty else {
            throw EngineError.cell(sheet.location(row: columns.headerRow, column: 1), "no system below the header row")
        }
        return systems
    }

    // MARK: - Values

    static func code(_ found: Cell, _ table: [(String, String, [String])], _ what: String,
                     _ fail: (Cell, String) -> EngineError) throws -> String {
        let wanted = ImportField.normalize(found.text)
        for (code, shown, names) in table
        where code == wanted || names.contains(wanted) || ImportField.normalize(shown) == wanted { return code }
        throw fail(found, "unknown \(what) '\(found.text)' (expected one of: "
                   + table.map { "\($0.1) (\($0.0))" }.joined(separator: ", ") + ")")
    }

    /// A date cell, or text as `12/6/2023`, `12-06-2023` or `2023-06-12`.
    static func day(_ found: Cell, _ fail: (Cell, String) -> EngineError) throws -> Day {
        if case .date(let day) = found.value { return day }
        let text = found.text
        if let day = Day(iso: text) { return day }
        let parts = text.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." }).map(String.init)
        if parts.count == 3, let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]), parts[2].count == 4,
           let day = Day(year: y, month: m, day: d) {
            return day
        }
        throw fail(found, "'\(text)' is not a date (write 12/6/2023 or 2023-06-12)")
    }

    /// "45/QĐ-SLĐTBXH ngày 12/6/2023" → number and date.
    static func decisionAndDate(_ found: Cell, _ fail: (Cell, String) -> EngineError) throws -> (String, Day) {
        let text = found.text
        let pattern = #"^\s*(?:(?:QĐ|Quyết định)\s*(?:số)?\s*)?(\S*/\S+)\s*(?:,|ngày|ngay)?\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})"#
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]),
              let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let number = Range(match.range(at: 1), in: text),
              let d = Range(match.range(at: 2), in: text).flatMap({ Int(text[$0]) }),
              let m = Range(match.range(at: 3), in: text).flatMap({ Int(text[$0]) }),
              let y = Range(match.range(at: 4), in: text).flatMap({ Int(text[$0]) }) else {
            throw fail(found, "'\(text)' is not a decision number and date (write \"45/QĐ-ABC ngày 12/6/2023\")")
        }
        guard let day = Day(year: y, month: m, day: d) else { throw fail(found, "the date in '\(text)' does not exist") }
        return (String(text[number]).trimmingCharacters(in: CharacterSet(charactersIn: ",;")), day)
    }

    /// A YAML double-quoted string.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.properties.generalCategory == .control { out += String(format: "\\u%04X", scalar.value) }
                else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    /// An id from a name: "Hệ thống một cửa điện tử" → `he-thong-mot-cua-dien-tu`, at most 48 characters.
    static func slug(_ text: String) -> String {
        let words = ImportField.normalize(text).split(separator: " ").map { $0.filter { $0.isASCII && ($0.isLetter || $0.isNumber) } }
            .filter { !$0.isEmpty }
        var result = ""
        for word in words {
            if result.count + word.count + 1 > 48 { break }
            result += (result.isEmpty ? "" : "-") + word
        }
        return result.isEmpty ? "he-thong" : result
    }
}

/// Each code, how it is shown, and the other ways a spreadsheet writes it (normalized).
enum Values {
    static let systemTypes: [(String, String, [String])] = [
        ("internal", "nội bộ", ["noi bo", "phuc vu hoat dong noi bo", "he thong noi bo"]),
        ("citizen-service", "phục vụ người dân, doanh nghiệp", ["phuc vu nguoi dan", "phuc vu nguoi dan doanh nghiep", "dich vu cong", "citizen service"]),
        ("infrastructure", "cơ sở hạ tầng thông tin", ["ha tang", "co so ha tang thong tin", "ha tang thong tin"]),
        ("industrial-control", "điều khiển công nghiệp", ["dieu khien cong nghiep", "he thong dieu khien cong nghiep"]),
        ("other", "khác", ["khac"]),
    ]
    static let information: [(String, String, [String])] = [
        ("public", "công cộng", ["cong cong", "thong tin cong cong"]),
        ("private", "riêng", ["rieng", "thong tin rieng"]),
        ("personal", "cá nhân", ["ca nhan", "thong tin ca nhan", "du lieu ca nhan"]),
        ("state-secret", "bí mật nhà nước", ["bi mat nha nuoc", "thong tin bi mat nha nuoc", "state secret"]),
    ]
    static let regimes: [(String, String, [String])] = [
        ("nd85", "Nghị định 85/2016/NĐ-CP", ["nghi dinh 85", "nghi dinh 85 2016 nd-cp", "85 2016 nd-cp", "nd 85", "decree 85"]),
        ("nd331", "Nghị định 331/2026/NĐ-CP", ["nghi dinh 331", "nghi dinh 331 2026 nd-cp", "331 2026 nd-cp", "nd 331", "decree 331"]),
    ]
    static let approvers: [(String, String, [String])] = [
        ("system-owner", "chủ quản", ["chu quan", "chu quan he thong", "owner"]),
        ("security-unit", "đơn vị chuyên trách", ["don vi chuyen trach", "don vi chuyen trach an toan thong tin", "don vi chuyen trach an ninh mang"]),
        ("prime-minister", "Thủ tướng Chính phủ", ["thu tuong", "thu tuong chinh phu"]),
    ]
    static let appraisers: [(String, String, [String])] = [
        ("security-unit", "đơn vị chuyên trách", ["don vi chuyen trach", "don vi chuyen trach an toan thong tin", "don vi chuyen trach an ninh mang"]),
        ("ministry-public-security", "Bộ Công an", ["bo cong an"]),
        ("ministry-ic", "Bộ Thông tin và Truyền thông", ["bo thong tin va truyen thong"]),
        ("ministry-defence", "Bộ Quốc phòng", ["bo quoc phong"]),
        ("government-cipher-committee", "Ban Cơ yếu Chính phủ", ["ban co yeu chinh phu"]),
        ("subordinate-unit", "đơn vị trực thuộc", ["don vi truc thuoc"]),
        ("independent-council", "hội đồng thẩm định độc lập", ["hoi dong tham dinh", "hoi dong tham dinh doc lap"]),
    ]
    static let scopes: [(String, String, [String])] = [
        ("organization", "cơ quan", ["co quan", "noi bo co quan", "trong co quan"]),
        ("sector", "ngành", ["nganh", "trong nganh"]),
        ("province", "tỉnh", ["tinh", "toan tinh", "dia phuong"]),
        ("multi-province", "liên tỉnh", ["lien tinh", "nhieu tinh"]),
        ("national", "quốc gia", ["quoc gia", "toan quoc"]),
    ]
    static let onlineService: [(String, String, [String])] = [
        ("none", "không", ["khong", "khong co"]),
        ("partial", "một phần", ["mot phan"]),
        ("full", "toàn trình", ["toan trinh"]),
    ]
    static let booleans: [(String, String, [String])] = [
        ("true", "có", ["co", "x", "yes", "1"]),
        ("false", "không", ["khong", "no", "0"]),
    ]
}
