import Foundation

/// An accepted risk: a rule's failure on one system, accepted by someone until a date.
public struct Waiver: Sendable, Hashable {
    public var rule: String
    public var system: String
    public var justification: String
    public var approvedBy: String
    public var expires: Day
    /// When the waiver was granted; the maximum duration counts from it (else from the audit date).
    public var approvedOn: Day?
    public var location: SourceLocation
}

/// What became of a waiver in this audit.
public struct WaiverOutcome: Sendable, Hashable {
    public enum State: String, Sendable, Codable, CaseIterable {
        /// It matched a failing finding, which is now `waived`.
        case applied
        /// It has expired: the finding it covered is a failure again.
        case expired
        /// Nothing failed for it to cover.
        case unused
        case unknownRule = "unknown-rule"
        case unknownSystem = "unknown-system"
        /// The rule may not be waived (e.g. APPROVAL.MISSING).
        case notWaivable = "not-waivable"
        /// It runs longer than the policy allows for the finding's severity.
        case tooLong = "too-long"
    }

    public var waiver: Waiver
    public var state: State
    public var message: Localized

    /// Every state but `applied` deserves a reader's attention.
    public var needsAttention: Bool { state != .applied }
}

/// The waiver recorded on a finding it covers.
public struct WaiverInfo: Codable, Hashable, Sendable {
    public var justification: String
    public var approvedBy: String
    public var expires: Day
    public var location: SourceLocation
}

/// Reads a waivers file (SPEC.md "Waivers"); malformed input is an `EngineError`.
public enum WaiverLoader {
    private struct WaiverKey: Hashable {
        var rule: String
        var system: String
    }

    public static func load(_ url: URL, displayPath: String) throws -> [Waiver] {
        let root = try YAMLLoader.load(contentsOf: url, displayPath: displayPath)
        let top = try root.mapping("a waivers file (expected 'waivers')")
        var waivers: [Waiver] = []
        // Each (rule, system) once: a dictionary keeps 100,000 waivers linear (issue 20).
        var given: [WaiverKey: SourceLocation] = [:]
        for item in try top.optional("waivers")?.list("waivers") ?? [] {
            let map = try item.mapping("waiver")
            let waiver = Waiver(rule: try map.required("rule").string("rule"),
                                system: try map.required("system").identifier("system"),
                                justification: try map.required("justification").string("justification"),
                                approvedBy: try map.required("approved-by").string("approved-by"),
                                expires: try map.required("expires").day("expires"),
                                approvedOn: try map.optional("approved-on")?.day("approved-on"),
                                location: item.location)
            try map.finish()
            if let approvedOn = waiver.approvedOn, approvedOn > waiver.expires {
                throw item.error("waiver of \(waiver.rule) on \(waiver.system) expires before it was approved")
            }
            if let twin = given.updateValue(waiver.location, forKey: WaiverKey(rule: waiver.rule, system: waiver.system)) {
                throw item.error("a waiver of \(waiver.rule) on \(waiver.system) is already given at \(twin)")
            }
            waivers.append(waiver)
        }
        try top.finish()
        return waivers
    }
}
