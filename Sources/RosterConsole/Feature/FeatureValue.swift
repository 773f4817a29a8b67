/// A feature's state, work or outcome inside the console's own enums (`ConsoleState.Screen`,
/// `Effect`, `ConsoleAction`), which can't name the feature's types: the value, and the
/// screen it belongs to. Equal when both are.
public struct FeatureValue: Equatable, Sendable {
    public let screen: ScreenID
    let value: any Equatable & Sendable

    init(_ screen: ScreenID, _ value: any Equatable & Sendable) {
        self.screen = screen
        self.value = value
    }

    /// The value, if it is a `T`.
    public func `as`<T>(_: T.Type) -> T? { value as? T }

    public static func == (a: FeatureValue, b: FeatureValue) -> Bool {
        a.screen == b.screen && a.value.isEqual(to: b.value)
    }
}

extension Equatable {
    fileprivate func isEqual(to other: any Equatable) -> Bool {
        (other as? Self) == self
    }
}
