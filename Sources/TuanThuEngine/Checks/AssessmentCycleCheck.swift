/// ASSESSMENT.OVERDUE: the last periodic assessment is within the cycle for the system's level,
/// and was made by a licensed body where the regime requires one.
public struct AssessmentCycleCheck: CheckKind {
    public static let name = "assessment-cycle"
    public static let summary = "the last assessment is within the regime's cycle for the level (licensed where required)"

    public init(parameters: MappingReader, ruleId: String) throws {}

    public var legalWeight: LegalWeight { .assessment }

    public func evaluate(_ context: CheckContext) -> CheckOutcome {
        let regime = context.standing.requirements
        let level = context.standing.effectiveLevel(for: context.system)
        let at = context.system.location(of: "assessments")
        guard let cycle = regime.cycle(forLevel: level, facts: context.facts) else {
            if regime.assessmentOtherwise == .manual {
                let note = regime.assessmentNote ?? Localized(vi: "", en: "")
                return CheckOutcome(.manual,
                                    Localized(vi: "\(regime.title.vi) không ấn định chu kỳ đánh giá cho cấp độ \(level). "
                                                  + note.vi,
                                              en: "\(regime.title.en) fixes no assessment period for level \(level). "
                                                  + note.en),
                                    at: at, source: regime.source, basis: regime.basis)
            }
            return CheckOutcome(.notApplicable,
                                Localized(vi: "Không có chu kỳ đánh giá riêng cho cấp độ \(level).",
                                          en: "No system assessment cycle for level \(level)."))
        }
        if let month = cycle.yearlyBeforeMonth {
            return yearly(cycle, beforeMonth: month, regime: regime, context: context, at: at)
        }
        let months = cycle.everyMonths ?? 12
        let period = Localized(vi: "\(months) tháng", en: "\(months) months")
        let expected = Localized(
            vi: "đánh giá trong vòng \(period.vi)" + (cycle.licensedAssessor ? " bởi tổ chức được cấp phép" : ""),
            en: "an assessment within \(period.en)" + (cycle.licensedAssessor ? " by a licensed body" : ""))
        let past = context.system.assessments.filter { $0.date <= context.asOf }
        let counted = cycle.licensedAssessor ? past.filter(\.licensed) : past
        guard let last = counted.max(by: { $0.date < $1.date }) else {
            let unlicensed = cycle.licensedAssessor && !past.isEmpty
            // Never assessed: the first assessment falls due one cycle after the start of operation;
            // before then nothing is overdue (the check before operation is PROC.PRE-OPERATION's).
            let firstDue = context.system.inService.adding(months: months)
            if context.asOf <= firstDue {
                return CheckOutcome(.pass,
                                    Localized(vi: "Chưa đến hạn: lần kiểm tra, đánh giá định kỳ đầu tiên hạn trước "
                                                  + "\(firstDue.vietnamese) (\(period.vi) sau ngày đưa vào vận hành).",
                                              en: "Not yet due: the first periodic assessment is due by \(firstDue) "
                                                  + "(\(period.en) after going into service)."),
                                    expected: expected, found: Localized(vi: "chưa đến hạn", en: "not yet due"), at: at,
                                    source: cycle.source, basis: cycle.basis)
            }
            return CheckOutcome(.fail,
                                unlicensed
                                    ? Localized(vi: "Chưa có lần đánh giá nào do tổ chức được cấp phép thực hiện (bắt buộc "
                                                    + "từ cấp độ 3).",
                                                en: "No assessment by a licensed body is recorded (required from level 3).")
                                    : Localized(vi: "Chưa có lần kiểm tra, đánh giá nào được ghi nhận.",
                                                en: "No assessment is recorded."),
                                expected: expected, found: Localized(vi: "không có", en: "none"), at: at,
                                source: cycle.source, basis: cycle.basis, dueSince: firstDue)
        }
        let due = last.date.adding(months: months)
        let found = Localized(vi: "\(last.date.vietnamese) — \(last.by)", en: "\(last.date) — \(last.by)")
        if context.asOf <= due {
            return CheckOutcome(.pass,
                                Localized(vi: "Đánh giá gần nhất \(last.date.vietnamese); lần tới trước \(due.vietnamese).",
                                          en: "Last assessed \(last.date); next due by \(due)."),
                                expected: expected, found: found, at: last.location,
                                source: cycle.source, basis: cycle.basis)
        }
        return CheckOutcome(.fail,
                            Localized(vi: "Quá hạn kiểm tra, đánh giá: lần gần nhất \(last.date.vietnamese), hạn "
                                          + "\(due.vietnamese) (chu kỳ \(period.vi) cho cấp độ \(level)).",
                                      en: "Assessment overdue: last on \(last.date), due by \(due) "
                                          + "(every \(period.en) at level \(level))."),
                            expected: expected, found: found, at: last.location,
                            source: cycle.source, basis: cycle.basis, dueSince: due)
    }

    /// Each year an assessment before the first of `month` (Law 116 Art. 11(1)(b): a yearly self-check,
    /// its result notified before October), counted from the first such deadline after the regime
    /// took effect.
    private func yearly(_ cycle: AssessmentCycle, beforeMonth month: Int, regime: Regime, context: CheckContext,
                        at: SourceLocation) -> CheckOutcome {
        let asOf = context.asOf
        func deadline(_ year: Int) -> Day { Day(year: year, month: month, day: 1) ?? Day(ordinal: 0) }
        var year = asOf >= deadline(asOf.year) ? asOf.year : asOf.year - 1
        let first = regime.effective < deadline(regime.effective.year) ? regime.effective.year : regime.effective.year + 1
        let monthVi = "01/\(month < 10 ? "0" : "")\(month)"
        let expected = Localized(
            vi: "mỗi năm một lần kiểm tra, đánh giá trước ngày \(monthVi)"
                + (cycle.licensedAssessor ? " bởi tổ chức được cấp phép" : ""),
            en: "an assessment each year before the first of month \(month)"
                + (cycle.licensedAssessor ? " by a licensed body" : ""))
        guard year >= first else {
            return CheckOutcome(.pass,
                                Localized(vi: "Lần kiểm tra, đánh giá hằng năm đầu tiên hạn trước \(deadline(first).vietnamese).",
                                          en: "The first yearly assessment is due before \(deadline(first))."),
                                expected: expected, found: Localized(vi: "chưa đến hạn", en: "not yet due"), at: at,
                                source: cycle.source, basis: cycle.basis)
        }
        year = max(year, first)
        let start = Day(year: year, month: 1, day: 1) ?? Day(ordinal: 0)
        let due = deadline(year)
        let inYear = context.system.assessments.filter { $0.date >= start && $0.date < due && $0.date <= asOf }
        let counted = cycle.licensedAssessor ? inYear.filter(\.licensed) : inYear
        if let last = counted.max(by: { $0.date < $1.date }) {
            return CheckOutcome(.pass,
                                Localized(vi: "Đã kiểm tra, đánh giá năm \(year) ngày \(last.date.vietnamese), trước hạn "
                                              + "\(due.vietnamese).",
                                          en: "Assessed for \(year) on \(last.date), before \(due)."),
                                expected: expected,
                                found: Localized(vi: "\(last.date.vietnamese) — \(last.by)", en: "\(last.date) — \(last.by)"),
                                at: last.location, source: cycle.source, basis: cycle.basis)
        }
        let unlicensed = cycle.licensedAssessor && !inYear.isEmpty
        return CheckOutcome(.fail,
                            unlicensed
                                ? Localized(vi: "Lần kiểm tra, đánh giá năm \(year) không do tổ chức được cấp phép thực hiện; "
                                                + "quá hạn từ \(due.vietnamese).",
                                            en: "The \(year) assessment was not made by a licensed body; overdue since \(due).")
                                : Localized(vi: "Quá hạn kiểm tra, đánh giá hằng năm: không có lần nào trong năm \(year) "
                                                + "trước \(due.vietnamese).",
                                            en: "Yearly assessment overdue: none in \(year) before \(due)."),
                            expected: expected, found: Localized(vi: "không có", en: "none"), at: at,
                            source: cycle.source, basis: cycle.basis, dueSince: due)
    }
}
