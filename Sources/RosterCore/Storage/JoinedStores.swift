import Foundation

/// The stores of a transaction already open, as a backend: every `write` and `read` runs
/// inside it, and commits or rolls back with it. What an approval needs to carry out a change
/// through the ordinary service call, as the approver, in the transaction that also settles
/// the request: both happen, or neither.
///
/// `@unchecked Sendable`: it never leaves the closure of the transaction it wraps, which runs
/// on one thread; `Stores` asks for Sendable only because backends are shared across threads.
struct JoinedStores: Stores, @unchecked Sendable {
    let tx: StoreTransaction

    func write<T>(_ body: (StoreTransaction) throws -> T) throws -> T { try body(tx) }
    func read<T>(_ body: (StoreTransaction) throws -> T) throws -> T { try body(tx) }
    func rollingBack() -> any Stores { self }
    func prepareForConsole() {}
    func prepareForFilters(for reader: (StoreTransaction) throws -> Bool) {}
    func changeWatcher() throws -> (any ChangeWatching)? { nil }
    func backup(to destination: String) throws -> BackupCheck { throw Self.outside("a backup") }
    func bulkLoad(_ body: (_ load: ([BulkUser]) throws -> Void) throws -> Void) throws { throw Self.outside("a bulk load") }
    func inspect(path: String) throws -> BackupCheck { throw Self.outside("a restore check") }
    func totalUsers() throws -> Int { throw Self.outside("counting every user") }
    var warnings: [String] { [] }

    private static func outside(_ what: String) -> RosterError {
        .database(.notOnThisBackend("\(what) runs on its own, never inside an approval"))
    }
}
