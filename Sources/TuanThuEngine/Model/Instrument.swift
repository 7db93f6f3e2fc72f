/// A legal instrument rules may cite (`Rules/instruments.yaml`): when it took effect, when it
/// lapsed and what replaced it, and where its text is read.
public struct Instrument: Sendable {
    /// Exactly as rules write it in `source.instrument`.
    public var name: String
    public var effective: Day?
    public var lapsed: Day?
    public var replacedBy: String?
    /// Where the text is read: a file of shared/legal, the official legal code, or a secondary source.
    public var text: String
    public var location: SourceLocation
}

/// Every instrument a catalog cites, by name.
public struct InstrumentRegistry: Sendable {
    public var instruments: [String: Instrument]

    public init(_ instruments: [Instrument] = []) {
        self.instruments = Dictionary(instruments.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The instruments a source names: several may be joined with "; ".
    public static func names(in source: LegalSource) -> [String] {
        source.instrument.components(separatedBy: "; ")
    }

    /// Why a source that rests on a lapsed instrument does not say so, at the audit date; nil when it
    /// names no lapsed instrument, or says so with `lapsed:` (the date it lapsed).
    public func lapseProblem(_ source: LegalSource, asOf: Day) -> String? {
        for name in Self.names(in: source) {
            guard let instrument = instruments[name], let lapsed = instrument.lapsed, lapsed <= asOf else { continue }
            if source.lapsed == lapsed { continue }
            let successor = instrument.replacedBy.map { ", replaced by \($0)" } ?? ""
            return "rests on \(name), which lapsed on \(lapsed)\(successor); re-ground it on the provision in force, "
                + "or say so with 'lapsed: \(lapsed)' in its source"
        }
        return nil
    }
}
