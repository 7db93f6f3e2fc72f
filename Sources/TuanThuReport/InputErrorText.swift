import Foundation
import TuanThuEngine

/// Input errors in the user's language. The engine words its errors once, in English: the
/// compiler-style line of SPEC.md (`file:line:col: error: unknown information type 'secrte'`), which
/// CI scripts, editors and search engines match. With `--lang vi` the same line goes on with the
/// Vietnamese wording after an em dash, so that the officer reads it in Vietnamese and the contract's
/// line stays intact.
public enum InputErrorText {
    /// `file:line:col: error: …` in `language`.
    public static func message(_ error: EngineError, _ language: Language) -> String {
        guard language == .vi else { return error.message }
        let text: String
        switch error {
        case .input(_, let value): text = value
        case .unreadable(_, let reason): text = reason
        case .usage(let value): text = value
        case .cell(_, let value): text = value
        }
        guard let vietnamese = vietnamese(text) else { return error.message }
        return "\(error.message) — \(vietnamese)"
    }

    /// The Vietnamese wording of an engine message, nil when none is known (the English is then shown).
    public static func vietnamese(_ text: String) -> String? {
        var (main, suffix) = splitHint(text)
        main = main.trimmingCharacters(in: .whitespaces)
        for pattern in patterns {
            guard let groups = match(pattern.regex, main) else { continue }
            return pattern.build(groups) + suffix
        }
        return nil
    }

    // MARK: - Hints and suggestions appended to a message

    private static let hints: [(String, String)] = [
        ("; hint: indent with spaces, not tabs", "; gợi ý: thụt lề bằng dấu cách, không dùng tab"),
        ("; hint: close the '[' list or '{' mapping opened above on its own line, and put in quotes a value that contains a comma or a colon",
         "; gợi ý: đóng danh sách '[' hoặc '{' đã mở ở trên, và đặt trong dấu nháy giá trị có dấu phẩy hoặc dấu hai chấm"),
        ("; hint: check the indentation (keys of one mapping start in the same column), and put in quotes a value that contains ': ' (name: \"Hệ thống: một cửa\")",
         "; gợi ý: kiểm tra thụt lề (các khóa cùng một mục bắt đầu ở cùng một cột), và đặt trong dấu nháy giá trị có ': ' (name: \"Hệ thống: một cửa\")"),
        ("; hint: check the indentation (items of one list or mapping start in the same column), and put in quotes a value that contains a comma, a colon or brackets ({ name: \"Văn phòng, Sở Nội vụ\" })",
         "; gợi ý: kiểm tra thụt lề (các phần tử cùng một danh sách hoặc mục bắt đầu ở cùng một cột), và đặt trong dấu nháy giá trị có dấu phẩy, dấu hai chấm hoặc ngoặc ({ name: \"Văn phòng, Sở Nội vụ\" })"),
        ("; if it is part of a value that contains a comma, put that whole value in quotes",
         "; nếu đây là phần sau dấu phẩy của một giá trị, hãy đặt cả giá trị trong dấu nháy"),
    ]

    /// Splits off the hint or suggestion the engine appends, already in Vietnamese.
    private static func splitHint(_ text: String) -> (String, String) {
        var main = text
        var suffix = ""
        for (english, vietnamese) in hints {
            if let range = main.range(of: english) {
                suffix = vietnamese + main[range.upperBound...] + suffix
                main = String(main[..<range.lowerBound])
            }
        }
        if let groups = match(#"^(.*); did you mean '([^']*)'\?(.*)$"#, main) {
            main = groups[1]
            suffix = "; có phải ý là '\(groups[2])'?" + groups[3] + suffix
        } else if let groups = match(#"^(.*) \(expected one of: (.*)\)$"#, main) {
            main = groups[1]
            suffix = " (giá trị hợp lệ: \(groups[2]))" + suffix
        } else if main.hasSuffix(" (none is declared)") {
            main = String(main.dropLast(" (none is declared)".count))
            suffix = " (chưa khai báo giá trị nào)" + suffix
        }
        return (main, suffix)
    }

    // MARK: - Messages

    private struct Pattern: Sendable {
        let regex: String
        let build: @Sendable ([String]) -> String

        init(_ regex: String, _ build: @escaping @Sendable ([String]) -> String) {
            self.regex = regex
            self.build = build
        }
    }

    private static let patterns: [Pattern] = [
        Pattern(#"^unknown key '([^']*)' in (.*)$"#, { "khóa không hợp lệ '\($0[1])' trong \(noun($0[2]))" }),
        Pattern(#"^(.*) is missing required key '([^']*)'$"#, { "\(noun($0[1])) thiếu khóa bắt buộc '\($0[2])'" }),
        Pattern(#"^'([^']*)' of (.*) needs a value$"#, { "'\($0[1])' của \(noun($0[2])) cần có giá trị" }),
        Pattern(#"^duplicate key '([^']*)' in (.*)$"#, { "khóa '\($0[1])' bị lặp trong \(noun($0[2]))" }),
        Pattern(#"^duplicate key (.*) in the same mapping$"#, { "khóa \($0[1]) bị lặp trong cùng một mục" }),
        Pattern(#"^keys of (.*) must be plain words$"#, { "khóa của \(noun($0[1])) phải là từ đơn giản" }),
        Pattern(#"^unknown (.*) '([^']*)'$"#, { "\(noun($0[1])) không hợp lệ: '\($0[2])'" }),
        Pattern(#"^'([^']*)' is not a value of '([^']*)'$"#, { "'\($0[1])' không phải giá trị hợp lệ của '\($0[2])'" }),
        Pattern(#"^expected a date YYYY-MM-DD for (.*), found '([^']*)'$"#,
         { "\(noun($0[1])) phải là ngày dạng YYYY-MM-DD, gặp '\($0[2])'" }),
        Pattern(#"^(.*) '([^']*)' is not a real calendar date$"#, { "\(noun($0[1])) '\($0[2])' không phải ngày có thật" }),
        Pattern(#"^day (\d+) does not exist in month (\d+)$"#, { "tháng \($0[2]) không có ngày \($0[1])" }),
        Pattern(#"^expected a whole number for (.*), found '([^']*)'$"#, { "\(noun($0[1])) phải là số nguyên, gặp '\($0[2])'" }),
        Pattern(#"^expected true or false for (.*), found '?([^']*)'?$"#,
         { "\(noun($0[1])) phải là true (đúng) hoặc false (sai), gặp \($0[2])" }),
        Pattern(#"^expected text for (.*), found (.*)$"#, { "\(noun($0[1])) phải là văn bản, gặp \(kind($0[2]))" }),
        Pattern(#"^expected a list for (.*), found (.*)$"#, { "\(noun($0[1])) phải là một danh sách, gặp \(kind($0[2]))" }),
        Pattern(#"^expected a mapping for (.*), found (.*)$"#, { "\(noun($0[1])) phải là một mục có các khóa, gặp \(kind($0[2]))" }),
        Pattern(#"^(.*) must be between (\d+) and (\d+), found (.*)$"#,
         { "\(noun($0[1])) phải trong khoảng \($0[2])–\($0[3]), gặp \($0[4])" }),
        Pattern(#"^(.*) must not be empty$"#, { "\(noun($0[1])) không được để trống" }),
        Pattern(#"^(.*) '([^']*)' must use only a-z, 0-9 and '-' \(and not start or end with '-'\)$"#,
         { "\(noun($0[1])) '\($0[2])' chỉ được dùng a-z, 0-9 và '-' (không bắt đầu hoặc kết thúc bằng '-')" }),
        Pattern(#"^(.*) '([^']*)' does not exist$"#, { "\(noun($0[1])) '\($0[2])' không tồn tại" }),
        Pattern(#"^(.*) '([^']*)' leads outside the workspace$"#, { "\(noun($0[1])) '\($0[2])' trỏ ra ngoài thư mục làm việc" }),
        Pattern(#"^(.*) '([^']*)' must be relative to the inventory file$"#,
         { "\(noun($0[1])) '\($0[2])' phải là đường dẫn tương đối so với tệp kiểm kê" }),
        Pattern(#"^duplicate system id '([^']*)' \(first declared at (.*)\)$"#,
         { "mã hệ thống '\($0[1])' bị trùng (đã khai báo tại \($0[2]))" }),
        Pattern(#"^duplicate unit id '([^']*)'$"#, { "mã đơn vị '\($0[1])' bị trùng" }),
        Pattern(#"^system id '([^']*)' is also an organization's id.*$"#,
         { "mã hệ thống '\($0[1])' trùng mã của một cơ quan: phát hiện của cơ quan mang mã này, hãy đặt mã khác cho hệ thống" }),
        Pattern(#"^organization '([^']*)' is already declared at (.*); keep one organization per inventory file$"#,
         { "cơ quan '\($0[1])' đã được khai báo tại \($0[2]); mỗi tệp kiểm kê chỉ khai báo một cơ quan" }),
        Pattern(#"^operator '([^']*)' is not a unit of organization '([^']*)'$"#,
         { "đơn vị vận hành '\($0[1])' không phải đơn vị của cơ quan '\($0[2])' (khai báo ở organization.units)" }),
        Pattern(#"^owner '([^']*)' is neither organization '([^']*)' nor a body declared under organization.owners.*$"#,
         { "chủ quản '\($0[1])' không phải cơ quan '\($0[2])' và chưa được khai báo ở organization.owners "
             + "(thêm { id: \($0[1]), name: \"…\", kind: provincial-people-committee } hoặc loại khác)" }),
        Pattern(#"^owner '([^']*)' is listed twice or is the organization itself$"#,
         { "chủ quản '\($0[1])' bị khai báo hai lần hoặc chính là cơ quan" }),
        Pattern(#"^predecessor '([^']*)' is listed twice or is the organization itself$"#,
         { "cơ quan tiền nhiệm '\($0[1])' bị khai báo hai lần hoặc chính là cơ quan" }),
        Pattern(#"^'([^']*)' is not a predecessor of organization '([^']*)'.*$"#,
         { "'\($0[1])' không phải cơ quan tiền nhiệm của '\($0[2])' (khai báo ở organization.predecessors)" }),
        Pattern(#"^a delegated owner needs 'delegation'.*$"#,
         { _ in "chủ quản được ủy quyền cần có 'delegation': văn bản ủy quyền (Nghị định 331, Điều 4 khoản 3)" }),
        Pattern(#"^an approval needs the approved level in 'proposed'$"#,
         { _ in "có quyết định phê duyệt thì phải ghi cấp độ được phê duyệt ở 'proposed'" }),
        Pattern(#"^control '([^']*)' needs a status$"#, { "yêu cầu '\($0[1])' cần có trạng thái" }),
        Pattern(#"^control '([^']*)' is not-applicable but has no 'note' saying why$"#,
         { "yêu cầu '\($0[1])' ghi không áp dụng nhưng thiếu 'note' nêu lý do" }),
        Pattern(#"^control '([^']*)' is not-applicable: write \{ status: not-applicable, note: "why" \}$"#,
         { "yêu cầu '\($0[1])' không áp dụng: ghi { status: not-applicable, note: \"lý do\" }" }),
        Pattern(#"^control '([^']*)' is not a requirement of the catalog$"#,
         { "'\($0[1])' không phải yêu cầu nào trong danh mục quy tắc" }),
        Pattern(#"^control '([^']*)' was retired when the catalog was re-grounded on the primary texts: declare its status as '([^']*)'$"#,
         { "yêu cầu '\($0[1])' đã bỏ khi danh mục được đối chiếu lại với văn bản gốc: ghi trạng thái cho '\($0[2])'" }),
        Pattern(#"^'([^']*)' is a requirement of each system, not a duty of the organisation.*$"#,
         { "'\($0[1])' là yêu cầu của từng hệ thống, không phải nghĩa vụ chung của cơ quan: ghi trạng thái ở mục controls của từng hệ thống" }),
        Pattern(#"^the approval decision \(([^)]*)\) comes before this date \(([^)]*)\)$"#,
         { "ngày quyết định phê duyệt (\($0[1])) trước ngày này (\($0[2]))" }),
        Pattern(#"^the appraisal \(([^)]*)\) comes before the dossier was received \(([^)]*)\)$"#,
         { "ngày thẩm định (\($0[1])) trước ngày nhận đủ hồ sơ (\($0[2]))" }),
        Pattern(#"^a waiver of (\S+) on (\S+) is already given at (.*)$"#,
         { "miễn trừ \($0[1]) cho \($0[2]) đã có tại \($0[3])" }),
        Pattern(#"^waiver of (\S+) on (\S+) expires before it was approved$"#,
         { "miễn trừ \($0[1]) cho \($0[2]) hết hạn trước ngày được duyệt" }),
        Pattern(#"^file is empty$"#, { _ in "tệp rỗng" }),
        Pattern(#"^file is not UTF-8 text \(is it YAML\?\)$"#, { _ in "tệp không phải văn bản UTF-8 (có phải YAML không?)" }),
        Pattern(#"^malformed YAML: (.*)$"#, { "YAML sai cú pháp: \($0[1])" }),
        Pattern(#"^unreadable YAML: (.*)$"#, { "không đọc được YAML: \($0[1])" }),
        Pattern(#"^YAML nested more than (\d+) levels deep$"#, { "YAML lồng nhau quá \($0[1]) tầng" }),
        Pattern(#"^YAML (anchors and )?aliases .* are not allowed; write the value out$"#,
         { _ in "không dùng neo, bí danh YAML (&tên, *tên); hãy viết đầy đủ giá trị" }),
        Pattern(#"^(\d+) more errors? not shown; correct these and run again$"#,
         { "còn \($0[1]) lỗi khác chưa hiện; hãy sửa các lỗi trên rồi chạy lại" }),
        Pattern(#"^no inventory file \(\*\.yaml\) found in (.*)$"#, { "không tìm thấy tệp kiểm kê (*.yaml) trong \($0[1])" }),
        Pattern(#"^workspace '([^']*)' is not a folder$"#, { "'\($0[1])' không phải thư mục làm việc" }),
        Pattern(#"^'([^']*)' does not exist$"#, { "'\($0[1])' không tồn tại" }),
        Pattern(#"^no system '([^']*)' in the inventories(?: \(known: (.*)\))?$"#,
         { "không có hệ thống '\($0[1])' trong kiểm kê" + ($0[2].isEmpty ? "" : " (các hệ thống: \($0[2]))") }),
        Pattern(#"^unknown rule '([^']*)'$"#, { "không có quy tắc '\($0[1])' trong danh mục" }),
        Pattern(#"^no regime is in force on (\S+)(.*)$"#, { "ngày \($0[1]) chưa có chế độ nào có hiệu lực\($0[2])" }),
        Pattern(#"^cannot write '([^']*)': (.*)$"#, { "không ghi được '\($0[1])': \($0[2])" }),
        Pattern(#"^cannot create output folder '([^']*)': (.*)$"#, { "không tạo được thư mục kết quả '\($0[1])': \($0[2])" }),
        Pattern(#"^cannot read: (.*)$"#, { "không đọc được: \(fileProblem($0[1]))" }),
        Pattern(#"^it is a symbolic link to nothing$"#, { _ in "đây là liên kết tượng trưng (symlink) trỏ tới nơi không tồn tại" }),
        Pattern(#"^it is a symbolic link leading outside '([^']*)' \(to '([^']*)'\); inventories and rules are read only inside their workspace$"#,
                { "đây là liên kết tượng trưng (symlink) trỏ ra ngoài '\($0[1])' (tới '\($0[2])'); tệp kiểm kê và bộ quy tắc chỉ được đọc bên trong thư mục làm việc" }),
        Pattern(#"^it lies outside '([^']*)'; inventories and rules are read only inside their workspace$"#,
                { "tệp nằm ngoài '\($0[1])'; tệp kiểm kê và bộ quy tắc chỉ được đọc bên trong thư mục làm việc" }),
        Pattern(#"^file is (\d+) bytes; the limit is (\d+)$"#, { "tệp có \($0[1]) byte, vượt giới hạn \($0[2]) byte" }),
        Pattern(#"^the text holds a control character \((U\+[0-9A-F]+)\) that no report can show; remove it$"#,
                { "văn bản chứa ký tự điều khiển (\($0[1])) mà không báo cáo nào hiển thị được; hãy xóa ký tự đó" }),
        Pattern(#"^YAML merge keys \(<<\) are not allowed; write the keys out$"#,
                { _ in "không dùng khóa gộp YAML (<<); hãy viết đầy đủ các khóa" }),
        Pattern(#"^the file holds more than (\d+) values \(the limit\); split it$"#,
                { "tệp có quá \($0[1]) giá trị (giới hạn); hãy chia thành nhiều tệp" }),
        Pattern(#"^malformed JSON: (.*)$"#, { "JSON sai cú pháp: \($0[1])" }),
        Pattern(#"^JSON nested more than (\d+) levels deep$"#, { "JSON lồng nhau quá \($0[1]) tầng" }),
    ]

    /// English nouns the engine names its fields with, in Vietnamese; a key as written stays as is.
    private static let nouns: [String: String] = [
        "system": "hệ thống", "system id": "mã hệ thống", "system name": "tên hệ thống", "system type": "loại hệ thống",
        "information type": "loại thông tin", "information": "loại thông tin", "owner": "chủ quản (owner)",
        "operator": "đơn vị vận hành (operator)", "organization": "cơ quan (organization)",
        "organization id": "mã cơ quan", "organization name": "tên cơ quan", "unit": "đơn vị", "unit id": "mã đơn vị",
        "unit name": "tên đơn vị", "owner id": "mã chủ quản", "owner name": "tên chủ quản", "kind of owner": "loại chủ quản",
        "predecessor": "cơ quan tiền nhiệm", "predecessor id": "mã cơ quan tiền nhiệm",
        "predecessor name": "tên cơ quan tiền nhiệm", "in-service": "ngày đưa vào vận hành (in-service)",
        "changed": "ngày thay đổi (changed)", "construction-started": "ngày khởi công (construction-started)",
        "proposed level": "cấp độ đề xuất", "level": "cấp độ (level)", "approval": "quyết định phê duyệt (approval)",
        "approval date": "ngày phê duyệt", "approver": "cấp phê duyệt (approver)", "appraiser": "cơ quan thẩm định (appraiser)",
        "control status": "trạng thái thực hiện", "controls": "danh sách yêu cầu (controls)",
        "classification": "phân loại (classification)", "served scope": "phạm vi phục vụ", "assessment": "lần đánh giá",
        "assessments": "các lần đánh giá", "assessment date": "ngày đánh giá", "certificate": "chứng thư số",
        "certificate file": "tệp chứng thư số", "certificates": "chứng thư số", "purpose": "mục đích sử dụng (purpose)",
        "document": "văn bản", "documents": "văn bản", "CRL": "danh sách thu hồi (CRL)", "crls": "danh sách thu hồi",
        "evidence": "bằng chứng (evidence)", "note": "ghi chú (note)", "transferred": "chuyển giao (transferred)",
        "transferred from": "cơ quan chuyển giao", "transfer date": "ngày chuyển giao", "until": "ngày kết thúc (until)",
        "decision": "quyết định", "delegation": "văn bản ủy quyền", "waiver": "miễn trừ", "waivers": "danh sách miễn trừ",
        "expires": "ngày hết hạn (expires)", "approved-on": "ngày duyệt (approved-on)", "rule": "quy tắc",
        "the inventory (expected 'organization' and 'systems')": "tệp kiểm kê (cần 'organization' và 'systems')",
        "system entry": "mục hệ thống", "systems": "danh sách hệ thống (systems)", "units": "danh sách đơn vị (units)",
        "owners": "danh sách chủ quản (owners)", "predecessors": "danh sách cơ quan tiền nhiệm",
        "online public service": "mức dịch vụ công trực tuyến", "state secret harm": "mức tổn hại bí mật nhà nước",
        "industrial works grade": "cấp công trình", "infrastructure": "loại hạ tầng", "regime": "chế độ (regime)",
    ]

    private static func noun(_ english: String) -> String {
        if let known = nouns[english] { return known }
        if english.hasPrefix("control '") { return "yêu cầu " + english.dropFirst("control ".count) }
        if english.hasPrefix("classification") { return "phân loại (\(english))" }
        return "'\(english)'"
    }

    /// Why a file could not be read (`FileBytes`), in Vietnamese; the English when unknown.
    private static func fileProblem(_ english: String) -> String {
        let known: [String: String] = [
            "it is a folder, not a file": "đây là một thư mục, không phải tệp",
            "it is a named pipe (FIFO), not a file; tuanthu reads only ordinary files":
                "đây là một ống dẫn có tên (FIFO), không phải tệp; tuanthu chỉ đọc tệp thông thường",
            "it is a device, not a file; tuanthu reads only ordinary files":
                "đây là một thiết bị, không phải tệp; tuanthu chỉ đọc tệp thông thường",
            "it is a socket, not a file; tuanthu reads only ordinary files":
                "đây là một socket, không phải tệp; tuanthu chỉ đọc tệp thông thường",
            "it is not an ordinary file": "đây không phải tệp thông thường",
            "permission denied: this user may not read it": "không có quyền: người dùng này không được đọc tệp",
            "it does not exist": "tệp không tồn tại",
            "a folder on its path is a file": "một thư mục trên đường dẫn lại là tệp",
            "its symbolic links go round in a loop": "các liên kết tượng trưng (symlink) của tệp tạo thành vòng lặp",
            "its path is too long": "đường dẫn quá dài",
            "the file shrank while it was read": "tệp bị thu nhỏ trong khi đang đọc",
        ]
        return known[english] ?? english
    }

    private static func kind(_ english: String) -> String {
        switch english {
        case "a list": return "một danh sách"
        case "a mapping": return "một mục có các khóa"
        case "nothing": return "giá trị trống"
        default: return english.hasPrefix("'") ? english : "'\(english)'"
        }
    }

    private static func match(_ pattern: String, _ text: String) -> [String]? {
        guard let regex = cache.regex(pattern),
              let found = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
        return (0..<found.numberOfRanges).map { index in
            Range(found.range(at: index), in: text).map { String(text[$0]) } ?? ""
        }
    }

    private static let cache = RegexCache()
}

/// Compiled patterns, made once (errors are few, but `validate` may print fifty).
private final class RegexCache: @unchecked Sendable {
    private var compiled: [String: NSRegularExpression] = [:]
    private let lock = NSLock()

    func regex(_ pattern: String) -> NSRegularExpression? {
        lock.lock()
        defer { lock.unlock() }
        if let regex = compiled[pattern] { return regex }
        let regex = try? NSRegularExpression(pattern: pattern)
        compiled[pattern] = regex
        return regex
    }
}
