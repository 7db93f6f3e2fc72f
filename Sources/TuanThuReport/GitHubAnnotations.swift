import TuanThuEngine

/// Workflow commands GitHub Actions turns into annotations on the inventory lines
/// (printed by `audit` when `GITHUB_ACTIONS=true`).
public struct GitHubAnnotations {
    let result: AuditResult
    let language: Language
    let threshold: Severity?

    public init(result: AuditResult, language: Language, threshold: Severity?) {
        self.result = result
        self.language = language
        self.threshold = threshold
    }

    public func render() -> String {
        result.findings.filter(\.isOpen).map { finding in
            let command = finding.blocks(at: threshold) ? "error" : (finding.severity >= .medium ? "warning" : "notice")
            let location = finding.location
            return "::\(command) file=\(escapeProperty(location.file)),line=\(location.line),col=\(location.column),"
                + "title=\(escapeProperty("\(finding.rule) [\(finding.system)]"))::"
                + escapeData(finding.title[language] + ": " + finding.message[language])
        }.joined(separator: "\n")
    }

    private func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    private func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
