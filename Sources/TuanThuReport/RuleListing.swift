import Foundation
import TuanThuEngine

/// `tuanthu rules`: the catalog as text or JSON.
public struct RuleListing {
    let catalog: RuleCatalog
    let language: Language

    public init(catalog: RuleCatalog, language: Language) {
        self.catalog = catalog
        self.language = language
    }

    struct RuleInfo: Codable {
        var id: String
        var pack: String
        var baseline: String?
        var group: String?
        var levels: [Int]
        var severity: String
        var title: Localized
        var description: Localized?
        var remediation: Localized
        var source: LegalSource
        var citation: String
        var basis: String
        var effort: String?
        var responsible: String
        var scope: String
        var waivable: Bool
        var check: String
        var location: SourceLocation
        var examples: Int
    }

    func info(_ rule: Rule) -> RuleInfo {
        RuleInfo(id: rule.id, pack: rule.pack, baseline: rule.baseline, group: rule.group?.rawValue, levels: rule.levels,
                 severity: rule.severity.rawValue, title: rule.title, description: rule.description,
                 remediation: rule.remediation, source: rule.source, citation: rule.source.citation(language),
                 basis: rule.basis.rawValue, effort: rule.effort?.rawValue, responsible: rule.responsible.rawValue,
                 scope: rule.scope.rawValue, waivable: rule.waivable, check: type(of: rule.check).name, location: rule.location,
                 examples: rule.examples.pass.count + rule.examples.fail.count)
    }

    public func json(_ rules: [Rule]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(rules.map(info)), as: UTF8.self)
    }

    public func table() -> String {
        let width = catalog.rules.map(\.id.count).max() ?? 10
        return catalog.rules.map { rule in
            let levels = rule.levels.map(String.init).joined(separator: ",")
            return rule.id.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                + rule.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0) + "  L"
                + levels.padding(toLength: 9, withPad: " ", startingAt: 0) + "  " + rule.title[language]
        }.joined(separator: "\n")
    }

    public func detail(_ rule: Rule) -> String {
        let lang = language
        let pick = { (vi: String, en: String) in lang == .vi ? vi : en }
        var lines = ["\(rule.id) — \(rule.title[lang])"]
        if let description = rule.description { lines.append(description[lang]) }
        lines.append("")
        lines.append(pick("Gói", "Pack") + ": \(rule.pack)" + (rule.baseline.map { " (\($0))" } ?? ""))
        if let group = rule.group { lines.append(pick("Nhóm", "Group") + ": \(Labels.group(group, lang))") }
        lines.append(pick("Cấp độ", "Levels") + ": " + rule.levels.map(String.init).joined(separator: ", "))
        lines.append(pick("Mức", "Severity") + ": \(Labels.severity(rule.severity, lang))"
                     + (rule.waivable ? "" : pick(" (không được miễn trừ)", " (not waivable)")))
        lines.append(pick("Nguồn", "Source") + ": \(rule.source.citationWithNote(lang)) (\(Labels.basis(rule.basis, lang)))")
        if rule.scope == .organization {
            lines.append(pick("Phạm vi: nghĩa vụ chung của cơ quan, đánh giá một lần (khai báo tại organization.controls)",
                              "Scope: a duty of the organisation, assessed once (declared under organization.controls)"))
        }
        let kind = type(of: rule.check)
        lines.append(pick("Kiểm tra", "Check") + ": \(kind.name) — \(Labels.checkKind(kind.name, summary: kind.summary, lang))")
        lines.append(pick("Khắc phục", "Remediation") + ": \(rule.remediation[lang])")
        lines.append(pick("Ví dụ", "Examples") + ": \(rule.examples.pass.count) "
                     + pick("đạt", "pass") + ", \(rule.examples.fail.count) " + pick("chưa đạt", "fail"))
        lines.append(pick("Định nghĩa tại", "Defined at") + ": \(rule.location)")
        return lines.joined(separator: "\n")
    }
}
