import CLibpq

/// libpq, opened by the first PostgreSQL address rather than linked into every process
/// (`roster_libpq.h` says why). Every path into libpq asks `load()` first.
enum PostgresLibrary {
    /// Opens libpq once; throws, saying what to install, when it is not on this machine.
    static func load() throws {
        if let problem = roster_libpq_load() {
            throw RosterError.database(.clientLibraryMissing(reason: String(cString: problem)))
        }
    }
}
