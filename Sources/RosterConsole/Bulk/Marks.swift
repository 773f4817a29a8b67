import Foundation
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
        /// Only those with no sign-in for this many days (never signed in: created before then).
        public var dormantDays: Int?

        /// Does `row` belong to this selection, as of `now`?
        func includes(_ row: UserRow, now: Date) -> Bool {
            guard !except.contains(row.id) else { return false }
            guard let days = dormantDays else { return true }
            let cutoff = now.addingTimeInterval(-Double(days) * 86_400)
            // As the service counts: signed in before then, or never and created before then.
            return (row.lastSignInAt ?? row.createdAt) < cutoff
        }
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

    /// Is the row on screen marked (a dormant mark-all marks only the dormant rows)?
    public func contains(_ row: UserRow, now: Date) -> Bool {
        if let all { return all.includes(row, now: now) }
        return picked.contains(row.id)
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
        if let all { return .matching(UserSelection(text: all.filter, noSignInForDays: all.dormantDays), except: all.except) }
        return .users(picked.sorted { $0.rawValue < $1.rawValue })
    }
}
