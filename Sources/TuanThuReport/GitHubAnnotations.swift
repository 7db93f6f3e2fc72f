import TuanThuEngine

/// Workflow commands GitHub Actions turns into annotations on the inventory lines (printed by
/// `audit` when `GITHUB_ACTIONS=true`). GitHub shows only the first few of each kind per step, so
/// the order matters: blocking findings first, most severe and weightiest in law first, then the
/// rest; a summary line opens the list.
public struct GitHubAnnotations: Sendable {
    /// One annotation and what orders it.
    public struct Annotation: Sendable {
        let blocking: Bool
        let severity: Severity
        let weight: LegalWeight
        /// The finding's place in the run, which breaks ties.
        var order: Int
        public let line: String

        /// The same annotation, placed `offset` further in the run.
        public init(renumbered annotation: Annotation, by offset: Int) {
            self = annotation
            order += offset
        }

        init(blocking: Bool, severity: Severity, weight: LegalWeight, order: Int, line: String) {
            self.blocking = blocking
            self.severity = severity
            self.weight = weight
            self.order = order
            self.line = line
        }

        func precedes(_ other: Annotation) -> Bool {
            if blocking != other.blocking { return blocking }
            if severity != other.severity { return severity > other.severity }
            if weight != other.weight { return weight < other.weight }
            return order < other.order
        }
    }

    let result: AuditResult
    let language: Language
    let threshold: Severity?

    /// Put before every workspace path: annotations name files from the repository root.
    let prefix: String

    public init(result: AuditResult, language: Language, threshold: Severity?, repositoryPrefix: String = "") {
        self.result = result
        self.prefix = repositoryPrefix
        self.language = language
        self.threshold = threshold
    }

    /// The open findings of this audit as annotations, in no particular order (`sorted` orders them).
    public func annotations(startingAt first: Int = 0) -> [Annotation] {
        result.findings.filter(\.isOpen).enumerated().map { offset, finding in
            let blocking = finding.blocks(at: threshold)
            let command = blocking ? "error" : (finding.severity >= .medium ? "warning" : "notice")
            let location = finding.location
            let line = "::\(command) file=\(Self.escapeProperty(prefix + location.file)),line=\(location.line),"
                + "col=\(location.column),title=\(Self.escapeProperty("\(finding.rule) [\(finding.system)]"))::"
                + Self.escapeData(finding.title[language] + ": " + finding.message[language])
            return Annotation(blocking: blocking, severity: finding.severity, weight: finding.weight,
                              order: first + offset, line: line)
        }
    }

    /// Every annotation in order, after a summary line.
    public static func render(_ annotations: [Annotation], language: Language, threshold: Severity?,
                              notAssessed: Int, failOnUndeclared: Bool) -> String {
        let sorted = annotations.sorted { $0.precedes($1) }
        let blocking = sorted.filter(\.blocking)
        let vi = language == .vi
        let bySeverity = Severity.allCases.sorted(by: >).compactMap { severity -> String? in
            let count = blocking.filter { $0.severity == severity }.count
            return count == 0 ? nil : "\(count) \(Labels.severity(severity, language))"
        }.joined(separator: ", ")
        var summary = threshold.map {
            (vi ? "\(blocking.count) phát hiện chặn (≥ \(Labels.severity($0, language)))"
                : "\(blocking.count) blocking findings (≥ \($0.rawValue))")
                + (bySeverity.isEmpty ? "" : ": \(bySeverity)")
        } ?? (vi ? "Không đặt ngưỡng chặn" : "No blocking threshold")
        summary += vi ? "; \(annotations.count) phát hiện chưa đạt" : "; \(annotations.count) open findings"
        if notAssessed > 0 {
            summary += vi ? "; \(notAssessed) yêu cầu chưa đánh giá" : "; \(notAssessed) requirements not assessed"
            if failOnUndeclared { summary += vi ? " (chặn)" : " (blocking)" }
        }
        let failing = !blocking.isEmpty || (failOnUndeclared && notAssessed > 0)
        let head = "::\(failing ? "error" : "notice") title=tuanthu::" + escapeData(summary)
        return ([head] + sorted.map(\.line)).joined(separator: "\n")
    }

    /// An input error (exit code 2) as an annotation on its file and line.
    public static func inputError(_ error: EngineError, _ language: Language = .en, repositoryPrefix: String = "")
        -> String {
        var text: String
        switch error {
        case .input(_, let message): text = message
        case .unreadable(_, let reason): text = reason
        case .usage(let message): text = message
        case .cell(_, let value): text = value
        }
        if language == .vi, let vietnamese = InputErrorText.vietnamese(text) { text += " — " + vietnamese }
        guard let location = error.location else { return "::error title=tuanthu::" + escapeData(text) }
        // Paths outside the workspace (absolute ones) are left as they are.
        let file = location.file.hasPrefix("/") ? location.file : repositoryPrefix + location.file
        return "::error file=\(escapeProperty(file)),line=\(location.line),col=\(location.column),"
            + "title=tuanthu::" + escapeData(text)
    }

    static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
