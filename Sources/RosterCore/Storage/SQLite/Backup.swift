import Foundation
import GRDB

/// Online, consistent copies of a database and its key file.
public enum Backup {
    /// Copies `database` (at `sourcePath`) to `destination` with SQLite's online backup API:
    /// one consistent instant, while other processes keep reading and writing. The copy and
    /// its key file are private (0600), checked (integrity and audit chain) before they take
    /// their final names, and never half there: an interrupted or failed backup leaves only
    /// hidden temporary files, removed on failure. Refuses to replace an existing file.
    public static func make(from database: AppDatabase, sourcePath: String, to destination: String) throws -> BackupCheck {
        let destinationKey = KeyFile.path(forDatabase: destination)
        for path in [destination, destinationKey] where FileManager.default.fileExists(atPath: path) {
            throw RosterError.database(.other("\(path) exists; pick a new name for the backup or move the old one away"))
        }
        let directory = (destination as NSString).deletingLastPathComponent
        let temporary = (directory.isEmpty ? "." : directory) + "/.roster-backup-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).sqlite"
        let temporaryKey = KeyFile.path(forDatabase: temporary)
        var finished = false
        defer {
            if !finished {
                for path in [temporary, temporaryKey, temporary + "-journal", temporary + "-wal", temporary + "-shm"] { unlink(path) }
            }
        }
        // Created empty and private first, so the copy is never readable by others, even for a moment.
        try PrivateFile.create(temporary, contents: Data())
        try PrivateFile.create(temporaryKey, contents: PrivateFile.readPrivate(KeyFile.path(forDatabase: sourcePath)))
        do {
            let copy = try DatabaseQueue(path: temporary)
            try database.writer.backup(to: copy)
            // A standalone file: no WAL beside it to lose when it is copied on.
            try copy.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
            try copy.close()
        } catch let error as DatabaseError {
            throw RosterError.database(AppDatabase.problem(for: error, path: destination))
        }
        var check = try self.check(temporary)
        guard check.isSound else { throw RosterError.database(.other("the copy failed its check (\(check.integrity)); nothing was kept")) }
        for path in [temporary, temporaryKey] { try syncFile(path) }
        // link() never replaces: a file that appeared at either name meanwhile stops the backup.
        // The key first, so a database at PATH always has its key beside it.
        guard link(temporaryKey, destinationKey) == 0 else {
            throw RosterError.database(.other("\(destinationKey) can't be written (\(String(cString: strerror(errno)))); nothing was kept"))
        }
        guard link(temporary, destination) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(destinationKey)
            throw RosterError.database(.other("\(destination) can't be written (\(reason)); nothing was kept"))
        }
        for path in [temporary, temporaryKey] { unlink(path) }
        finished = true
        check.path = destination
        return check
    }

    /// Proves a backup opens and holds: SQLite's integrity check, the audit chain under the
    /// key file beside it, and what it contains. Opens it read-only; changes nothing.
    public static func check(_ path: String) throws -> BackupCheck {
        let database = try AppDatabase.openReadOnly(path: path)
        let secrets: @Sendable () throws -> SecretBox = { try KeyFile.load(from: KeyFile.path(forDatabase: path)) }
        _ = try secrets()  // a missing or unsafe key file is its own clear error, before the walk
        return try SQLiteStores(database: database, secrets: secrets).inspect(path: path)
    }

    private static func syncFile(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw RosterError.database(.cannotCreate(path, reason: String(cString: strerror(errno)))) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw RosterError.database(.cannotCreate(path, reason: String(cString: strerror(errno)))) }
    }
}
