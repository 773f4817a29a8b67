import GRDB

/// Removes the search texts file (SearchTextFile) after every committed transaction that
/// moved `userOrderVersion`, which the triggers do whenever a user is added, removed, renamed
/// or given another email. The file is then stale and never read again; removing it at once
/// means a deleted user's name, or an email someone replaced, isn't left on disk until some
/// console rebuilds it. Registered on the writer of a database on disk, so every process that
/// writes (the console, a one-shot command) removes it.
final class StaleTexts: TransactionObserver, @unchecked Sendable {
    // Only touched on the writer's queue, where GRDB calls every observer method.
    private var moved = false
    private let order: NameOrder

    init(order: NameOrder) {
        self.order = order
    }

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool {
        eventKind.tableName == "userOrderVersion"
    }

    func databaseDidChange(with event: DatabaseEvent) {
        moved = true
        stopObservingDatabaseChangesUntilNextTransaction()
    }

    func databaseDidCommit(_ db: Database) {
        guard moved else { return }
        moved = false
        order.removeTexts()
    }

    func databaseDidRollback(_ db: Database) {
        moved = false
    }
}
