/// APPROVAL.TIME-LIMIT: the appraisal and the approval kept to the regime's time limits in working
/// days (Decree 331 Art. 23(3), 24(2)), when the inventory records when the dossier was received and
/// when it was appraised.
public struct ProcedureTimeCheck: CheckKind {
    public static let name = "procedure-time"
    public static let summary = "appraisal and approval within the regime's working-day limits (submitted / appraised dates)"

    public init(parameters: MappingReader, ruleId: String) throws {}

    /// Lunar holidays (Tết, up to 9 working days with compensations; the Hùng Kings' day) and the day
    /// next to 2/9 move every year: a count over the limit by no more than these days cannot be judged.
    static func movableHolidays(from start: Day, to end: Day) -> Int {
        var days = 0
        for year in max(1, start.year)...end.year {
            func overlaps(_ from: (Int, Int), _ to: (Int, Int)) -> Bool {
                guard let a = Day(year: year, month: from.0, day: from.1), let b = Day(year: year, month: to.0, day: to.1)
                else { return false }
                return a <= end && b > start
            }
            if overlaps((1, 15), (2, 28)) { days += 9 }
            if overlaps((3, 20), (4, 30)) { days += 1 }
            if overlaps((9, 1), (9, 3)) { days += 1 }
        }
        return days
    }

    public func evaluate(_ context: CheckContext) -> CheckOutcome {
        // An approved system is governed by the regime its approval was made under.
        let regime = context.standing.governing
        guard let approval = context.system.approval, let level = context.system.approvedLevel,
              regime.id == approval.regime else {
            return CheckOutcome(.notApplicable, Localized(vi: "Chưa phê duyệt.", en: "Not approved."))
        }
        var spans: [(TimeLimit, Day, Day, String)] = []
        for limit in regime.timeLimits where limit.levels.contains(level) {
            switch limit.step {
            case .appraisal:
                if let from = approval.submitted, let to = approval.appraised { spans.append((limit, from, to, "appraised")) }
            case .approval:
                if let from = approval.appraised { spans.append((limit, from, approval.date, "date")) }
            }
        }
        guard !spans.isEmpty else {
            return CheckOutcome(.notApplicable,
                                Localized(vi: "Không có thời hạn để đối chiếu, hoặc kiểm kê không ghi ngày nhận hồ sơ, ngày thẩm định.",
                                          en: "No time limit applies, or the inventory records no dossier or appraisal date."))
        }
        var worst = CheckOutcome(.pass, Localized(vi: "", en: ""))
        var notes: [Localized] = []
        for (limit, from, to, field) in spans {
            let used = from.workingDays(until: to)
            let stepVi = limit.step == .appraisal ? "Thẩm định" : "Phê duyệt"
            let stepEn = limit.step == .appraisal ? "Appraisal" : "Approval"
            let text = Localized(vi: "\(stepVi): \(used) ngày làm việc từ \(from.vietnamese) đến \(to.vietnamese) "
                                     + "(tối đa \(limit.workingDays))",
                                 en: "\(stepEn): \(used) working days from \(from) to \(to) (at most \(limit.workingDays))")
            notes.append(text)
            let at = context.system.location(of: "level.approval.\(field)")
            let expected = Localized(vi: "tối đa \(limit.workingDays) ngày làm việc", en: "at most \(limit.workingDays) working days")
            let found = Localized(vi: "\(used) ngày làm việc", en: "\(used) working days")
            if used <= limit.workingDays { continue }
            let movable = Self.movableHolidays(from: from, to: to)
            if used <= limit.workingDays + movable {
                if worst.status == .pass {
                    worst = CheckOutcome(.manual,
                                         Localized(vi: text.vi + ", chưa trừ các ngày nghỉ Tết âm lịch, Giỗ Tổ và ngày nghỉ liền kề 2/9: "
                                                       + "cần đối chiếu lịch nghỉ của năm đó.",
                                                   en: text.en + ", before the lunar New Year, Hùng Kings' day and the day next to "
                                                       + "2/9 are taken off: check that year's holiday calendar."),
                                         expected: expected, found: found, at: at, source: limit.source, basis: limit.basis)
                }
                continue
            }
            worst = CheckOutcome(.fail,
                                 Localized(vi: text.vi + ": quá thời hạn.", en: text.en + ": over the limit."),
                                 expected: expected, found: found, at: at, source: limit.source, basis: limit.basis)
        }
        if worst.status == .pass {
            let joined = Localized(vi: notes.map(\.vi).joined(separator: "; ") + ".",
                                   en: notes.map(\.en).joined(separator: "; ") + ".")
            return CheckOutcome(.pass, joined, at: context.system.location(of: "level.approval"),
                                source: spans[0].0.source, basis: spans[0].0.basis)
        }
        return worst
    }
}
