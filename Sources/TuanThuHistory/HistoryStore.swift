import TuanThuEngine

/// A recorded run as `history` lists it: who, when, with what, and its figures.
public struct RunSummary: Sendable, Hashable {
    public var id: Int64
    public var organization: String
    public var organizationName: String
    public var asOf: Day
    /// When it was recorded, UTC (`2026-12-01T08:30:00Z`).
    public var recordedAt: String
    public var tool: String
    public var rulesVersion: String
    public var rulesDigest: String
    public var manifestDigest: String
    public var language: Language
    public var figures: RunFigures
}

/// A recorded run with everything it holds.
public struct StoredRun: Sendable {
    public var summary: RunSummary
    public var inputs: [InputManifest.Entry]
    public var systems: [RunRecord.SystemRow]
    public var gaps: [RunRecord.GapRow]
}

/// Where audits are recorded: an SQLite file in the workspace, or a shared PostgreSQL database.
/// Both keep the same tables (`HistorySchema`) and behave the same.
public protocol HistoryStore: AnyObject, Sendable {
    /// Where the store is, for messages (never with a password).
    var location: String { get }
    /// Writes a run whole, in one transaction, not yet complete: readers do not see it until
    /// `complete` (after the audit's reports are written).
    func record(_ run: RunRecord, recordedAt: String) throws -> Int64
    func complete(_ ids: [Int64]) throws
    /// Removes runs whose audit failed before its reports were written.
    func discard(_ ids: [Int64]) throws
    /// Complete runs, of one organisation or all, oldest first (by audit date, then number).
    func runs(organization: String?) throws -> [RunSummary]
    func run(_ id: Int64) throws -> StoredRun?
}

public enum HistoryError: Error, Sendable, Equatable {
    /// The store cannot be opened or used (`reason` in the back end's words).
    case unavailable(location: String, reason: String)
    /// The store was migrated by a newer tuanthu.
    case newerSchema(location: String, found: Int, supported: Int)
    /// A password in `--database`: it would land in shell history and CI logs.
    case passwordInURL
    case badURL(String)
    case unknownRun(Int64)
    /// The connected role may not write this organisation's runs (row-level security).
    case notPermitted(location: String, organization: String, reason: String)

    /// The message, in the user's language (the back end's own words stay as they are).
    public var text: Localized {
        switch self {
        case .unavailable(let location, let reason):
            Localized(vi: "kho lịch sử \(location): \(reason)", en: "history store \(location): \(reason)")
        case .newerSchema(let location, let found, let supported):
            Localized(vi: "kho lịch sử \(location) ở phiên bản lược đồ \(found), bản tuanthu này chỉ đọc đến \(supported): "
                          + "hãy cập nhật tuanthu",
                      en: "history store \(location) is at schema version \(found); this tuanthu reads up to "
                          + "\(supported): update tuanthu")
        case .passwordInURL:
            Localized(vi: "--database không được chứa mật khẩu: đặt PGPASSWORD hoặc dùng tệp pgpass (~/.pgpass hoặc PGPASSFILE)",
                      en: "--database must not contain a password: set PGPASSWORD or use a pgpass file "
                          + "(~/.pgpass or PGPASSFILE)")
        case .badURL(let text):
            Localized(vi: "--database '\(text)' không phải đường dẫn tệp cũng không phải URL postgresql://",
                      en: "--database '\(text)' is neither a file path nor a postgresql:// URL")
        case .unknownRun(let id):
            Localized(vi: "không có lần chạy #\(id) trong lịch sử (xem danh sách bằng `tuanthu history`)",
                      en: "no recorded run #\(id) (list them with `tuanthu history`)")
        case .notPermitted(let location, let organization, let reason):
            Localized(vi: "kho lịch sử \(location): vai trò cơ sở dữ liệu này không được ghi các lần chạy của "
                          + "'\(organization)' (\(reason))",
                      en: "history store \(location): this database role may not write the runs of "
                          + "'\(organization)' (\(reason))")
        }
    }
}

extension HistoryStore {
    /// The last complete run of an organisation audited on or before `day`: the default baseline.
    public func latest(organization: String, onOrBefore day: Day) throws -> RunSummary? {
        try runs(organization: organization).last { $0.asOf <= day }
    }

    /// The last `count` complete runs of an organisation on or before `day`, oldest first.
    public func trend(organization: String, onOrBefore day: Day, count: Int) throws -> [RunFigures] {
        try runs(organization: organization).filter { $0.asOf <= day }.suffix(count).map(\.figures)
    }

    /// A run that must exist.
    public func require(_ id: Int64) throws -> StoredRun {
        guard let run = try run(id) else { throw HistoryError.unknownRun(id) }
        return run
    }
}

extension StoredRun {
    /// The run as a baseline for the next audit: its open gaps (named by `title(rule)`, the
    /// catalog's title, else the finding's message) and its plan's due dates.
    public func baseline(title: (String) -> String?) -> Baseline {
        var open: [String: Baseline.Gap] = [:]
        var due: [String: Day] = [:]
        for gap in gaps where gap.status == .fail || gap.status == .error {
            open[Finding.gapID(system: gap.system, rule: gap.rule)] =
                Baseline.Gap(rule: gap.rule, system: gap.system, title: title(gap.rule) ?? gap.message[summary.language],
                             organization: summary.organization)
        }
        for gap in gaps {
            if let id = gap.planID, let day = gap.due { due[id] = day }
        }
        return Baseline(files: [label], open: open, due: due)
    }

    /// How reports name the run: `lịch sử #12 (2026-11-30)`.
    public var label: String { "history #\(summary.id) (\(summary.asOf))" }
}
