/// A small enum whose cases are numbered 0..<allCases.count: what `CaseTally` indexes by, and
/// what the case hashes by.
public protocol OrdinalCase: CaseIterable, Hashable {
    /// The case's number, one per case, below `allCases.count`.
    var ordinal: Int { get }
}

/// Values kept by the cases of a small enum while a report counts its findings: an array read by
/// the case's number, where a dictionary hashed the case for each of several hundred thousand
/// findings. `dictionary` gives what the reports read: the cases met, and only those.
///
/// Inlinable: other modules (the reports) must specialise it for their keys and values, or each
/// access goes through generic code that costs more than the hashing it replaces.
@frozen
public struct CaseTally<Key: OrdinalCase, Value> {
    @usableFromInline var values: [Value?]

    @inlinable
    public init() {
        values = Array(repeating: nil, count: Key.allCases.count)
    }

    /// The value of `key`, nil when it was never set.
    @inlinable
    public subscript(key: Key) -> Value? { values[key.ordinal] }

    /// As `Dictionary`'s: the value, or `value` when none is set yet; changed in place (an array
    /// appended to is not copied).
    @inlinable
    public subscript(key: Key, default value: @autoclosure () -> Value) -> Value {
        get { values[key.ordinal] ?? value() }
        _modify {
            let index = key.ordinal
            if values[index] == nil { values[index] = value() }
            yield &values[index]!
        }
    }

    /// The cases met, with their values.
    @inlinable
    public var dictionary: [Key: Value] {
        var result: [Key: Value] = [:]
        for key in Key.allCases {
            if let value = values[key.ordinal] { result[key] = value }
        }
        return result
    }
}
