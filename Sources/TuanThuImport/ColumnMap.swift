import Foundation
import TuanThuEngine

/// The inventory fields a spreadsheet column can fill, and the headers officers give them.
public enum ImportField: String, CaseIterable, Sendable {
    case id, name, owner, `operator`, type, information
    case inService = "in-service"
    case changed
    case level = "level.proposed"
    /// "45/QĐ-SLĐTBXH ngày 12/6/2023": number and date in one cell.
    case approval = "level.approval"
    case decision = "level.approval.decision"
    case decisionDate = "level.approval.date"
    case regime = "level.approval.regime"
    case approver = "level.approval.approver"
    case appraiser = "level.approval.appraiser"
    case servedScope = "classification.served-scope"
    case personalData = "classification.personal-data-subjects"
    case onlineService = "classification.online-public-service"
    case procedures = "classification.administrative-procedures"

    /// Headers, as `normalize` leaves them, in Vietnamese and English.
    var headers: [String] {
        switch self {
        case .id: return ["ma he thong", "ma httt", "ma", "id", "system id"]
        case .name: return ["ten he thong", "ten he thong thong tin", "ten httt", "ten", "he thong", "name", "system",
                            "system name"]
        case .owner: return ["chu quan", "chu quan he thong", "co quan chu quan", "owner", "system owner"]
        case .operator: return ["don vi van hanh", "don vi quan ly van hanh", "operator", "operating unit"]
        case .type: return ["loai he thong", "loai httt", "type", "system type"]
        case .information: return ["loai thong tin", "thong tin xu ly", "information", "information types"]
        case .inService: return ["ngay van hanh", "ngay dua vao van hanh", "ngay dua vao su dung", "in service",
                                 "in-service", "go live"]
        case .changed: return ["ngay thay doi", "thay doi gan nhat", "changed", "last change"]
        case .level: return ["cap do de xuat", "cap do", "cap do an toan", "proposed level", "level"]
        case .approval: return ["so va ngay quyet dinh phe duyet", "so ngay quyet dinh phe duyet", "quyet dinh phe duyet",
                                "quyet dinh phe duyet cap do", "approval", "approval decision and date"]
        case .decision: return ["so quyet dinh phe duyet", "so quyet dinh", "approval decision", "decision number"]
        case .decisionDate: return ["ngay quyet dinh phe duyet", "ngay phe duyet", "ngay quyet dinh", "approval date"]
        case .regime: return ["che do", "che do phe duyet", "regime"]
        case .approver: return ["cap phe duyet", "nguoi phe duyet", "approver"]
        case .appraiser: return ["don vi tham dinh", "co quan tham dinh", "appraiser"]
        case .servedScope: return ["pham vi phuc vu", "served scope"]
        case .personalData: return ["so nguoi co du lieu ca nhan", "so chu the du lieu ca nhan", "personal data subjects"]
        case .onlineService: return ["dich vu cong truc tuyen", "muc do dich vu cong truc tuyen", "online public service"]
        case .procedures: return ["giai quyet thu tuc hanh chinh", "thu tuc hanh chinh", "administrative procedures"]
        }
    }

    /// How messages name the field: its Vietnamese header and its inventory key.
    public var label: String { "\(vietnamese) (\(rawValue))" }

    private var vietnamese: String {
        switch self {
        case .id: return "mã hệ thống"
        case .name: return "tên hệ thống"
        case .owner: return "chủ quản"
        case .operator: return "đơn vị vận hành"
        case .type: return "loại hệ thống"
        case .information: return "loại thông tin"
        case .inService: return "ngày đưa vào vận hành"
        case .changed: return "ngày thay đổi"
        case .level: return "cấp độ đề xuất"
        case .approval: return "số và ngày quyết định phê duyệt"
        case .decision: return "số quyết định phê duyệt"
        case .decisionDate: return "ngày quyết định phê duyệt"
        case .regime: return "chế độ"
        case .approver: return "cấp phê duyệt"
        case .appraiser: return "đơn vị thẩm định"
        case .servedScope: return "phạm vi phục vụ"
        case .personalData: return "số người có dữ liệu cá nhân"
        case .onlineService: return "dịch vụ công trực tuyến"
        case .procedures: return "giải quyết thủ tục hành chính"
        }
    }

    /// Lowercase, without diacritics (đ → d), punctuation as spaces, spaces collapsed.
    static func normalize(_ text: String) -> String {
        let folded = text.lowercased().replacingOccurrences(of: "đ", with: "d")
            .folding(options: [.diacriticInsensitive, .widthInsensitive], locale: Locale(identifier: "vi_VN"))
        var result = ""
        var space = false
        for scalar in folded.unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) || scalar == "-" {
                if space, !result.isEmpty { result.append(" ") }
                result.unicodeScalars.append(scalar)
                space = false
            } else {
                space = true
            }
        }
        return result
    }
}

/// Which column holds which field: found from the header row, by the built-in headers and a
/// mapping file's own (`columns: { "Header as written": field }`).
struct ColumnMap {
    var fields: [ImportField: Int] = [:]
    var headerRow: Int
    /// Headers recognised as nothing (reported, not an error).
    var ignored: [String] = []

    /// The first of the first 20 rows that names at least two fields is the header row.
    static func find(in sheet: Sheet, extra: [String: ImportField]) throws -> ColumnMap {
        for row in sheet.rows.prefix(20) {
            var map = ColumnMap(headerRow: row.first?.row ?? 1)
            for cell in row {
                let header = ImportField.normalize(cell.text)
                guard !header.isEmpty else { continue }
                let field = extra[header] ?? ImportField.allCases.first { $0.headers.contains(header) }
                if let field {
                    if let earlier = map.fields[field] {
                        throw EngineError.cell(sheet.location(row: cell.row, column: cell.column),
                                               "a second column for \(field.label) (the first is column "
                                               + "\(CellLocation.letters(earlier)))")
                    }
                    map.fields[field] = cell.column
                } else if !["stt", "tt", "so tt", "ghi chu", "note", "notes"].contains(header) {
                    map.ignored.append(cell.text)
                }
            }
            if map.fields.count >= 2 { return map }
        }
        throw EngineError.cell(sheet.location(row: sheet.rows.first?.first?.row ?? 1, column: 1),
                               "no header row found: the first 20 rows name fewer than two known columns "
                               + "(such as \"Tên hệ thống\", \"Đơn vị vận hành\", \"Cấp độ đề xuất\"); "
                               + "map unusual headers with --mapping FILE")
    }

    /// A mapping file: `columns: { "Tên HT": name, "Mức độ": level.proposed }`.
    static func mapping(_ url: URL, display: String) throws -> [String: ImportField] {
        let root = try YAMLLoader.load(contentsOf: url, displayPath: display)
        let top = try root.mapping("a mapping file (expected 'columns')")
        let columns = try top.required("columns").mapping("columns")
        var result: [String: ImportField] = [:]
        for entry in columns.entries() {
            let header = ImportField.normalize(try entry.key.string("header"))
            let name = try entry.value.string("field")
            guard let field = ImportField(rawValue: name) else {
                throw EngineError.input(entry.value.location, "unknown field '\(name)' (expected one of: "
                                        + ImportField.allCases.map(\.rawValue).joined(separator: ", ") + ")"
                                        + Suggestion.hint(for: name, in: ImportField.allCases.map(\.rawValue)))
            }
            result[header] = field
        }
        try columns.finish()
        try top.finish()
        return result
    }
}
