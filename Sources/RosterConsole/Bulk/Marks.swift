import RosterCore

/// The users a bulk action will take: marked one by one (Space), or every user matching the
/// filter (`*`), counted but never loaded: marking a million users reads one number.
public struct Marks: Equatable, Sendable {
    /// `*`: every user matching `filter` when the action runs, less the ones unmarked since.
    public struct AllMatching: Equatable, Sendable {
        public var filter: String
        /// How many match; nil while counting.
        public var total: Int?
        public var except: Set<UserID> = []
    }

    /// Marked one by one.
    public var picked: Set<UserID> = []
    public var all: AllMatching?

    public init() {}

    public var isEmpty: Bool { picked.isEmpty && all == nil }

    public func contains(_ id: UserID) -> Bool {
        if let all { return !all.except.contains(id) }
        return picked.contains(id)
    }

    /// How many users are marked; nil while a mark-all is being counted.
    public var count: Int? {
        guard let all else { return picked.count }
        return all.total.map { max(0, $0 - all.except.count) }
    }

    public mutating func toggle(_ id: UserID) {
        if var all {
            if all.except.remove(id) == nil { all.except.insert(id) }
            self.all = all
        } else if picked.remove(id) == nil {
            picked.insert(id)
        }
    }

    /// Whom the service acts on: the same definition the count was made from.
    public var targets: BulkTargets {
        if let all { return .matching(UserSelection(text: all.filter), except: all.except) }
        return .users(picked.sorted { $0.rawValue < $1.rawValue })
    }
}
