import TuanThuEngine

/// `verify-report`'s answer: each file of the manifest and whether it is unchanged.
public struct ManifestCheckText {
    let check: ManifestCheck
    let report: String
    let language: Language

    public init(_ check: ManifestCheck, report: String, language: Language) {
        self.check = check
        self.report = report
        self.language = language
    }

    private func word(_ state: ManifestCheck.State) -> String {
        switch (state, language) {
        case (.unchanged, .vi): "không đổi"
        case (.changed, .vi): "ĐÃ THAY ĐỔI"
        case (.missing, .vi): "KHÔNG CÒN"
        case (.unchanged, .en): "unchanged"
        case (.changed, .en): "CHANGED"
        case (.missing, .en): "MISSING"
        }
    }

    public func text() -> String {
        let vi = language == .vi
        let differing = check.entries.filter { $0.state != .unchanged }
        var out: [String] = []
        let subject = [check.organization, check.asOf].compactMap { $0 }.joined(separator: ", ")
        out.append("\(report)\(subject.isEmpty ? "" : " (\(subject))"): "
                   + (check.matches
                      ? (vi ? "không gian làm việc khớp với báo cáo (\(check.entries.count) tệp không đổi)"
                            : "the workspace matches the report (\(check.entries.count) files unchanged)")
                      : (vi ? "không gian làm việc KHÔNG còn khớp với báo cáo: \(differing.count) trên \(check.entries.count) tệp khác"
                            : "the workspace NO LONGER matches the report: \(differing.count) of \(check.entries.count) files differ")))
        out.append((vi ? "Dấu SHA-256 của danh mục đầu vào: " : "Manifest SHA-256: ") + check.sha256)
        out.append("")
        let rows = check.entries.map { [word($0.state), $0.file.kind.rawValue, $0.file.path] }
        out += TextTable.render(rows)
        return out.joined(separator: "\n")
    }

    struct FileInfo: Encodable {
        var path: String
        var kind: String
        var state: String
        var expected: String
        var found: String?
    }

    struct Info: Encodable {
        var report: String
        var organization: String?
        var asOf: String?
        var manifestSha256: String
        var matches: Bool
        var files: [FileInfo]
    }

    public func json() throws -> String {
        let info = Info(report: report, organization: check.organization, asOf: check.asOf,
                        manifestSha256: check.sha256, matches: check.matches,
                        files: check.entries.map {
                            .init(path: $0.file.path, kind: $0.file.kind.rawValue, state: $0.state.rawValue,
                                  expected: $0.file.sha256, found: $0.sha256)
                        })
        return String(decoding: try FastJSONEncoder().encode(info), as: UTF8.self)
    }
}
