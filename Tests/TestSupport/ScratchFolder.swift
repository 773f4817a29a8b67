import Foundation
import Synchronization

/// New folders under the system's temporary directory for a test to write in, removed when the
/// test process exits, whether its tests passed or failed, so a run leaves nothing in `/tmp`.
///
/// Removal waits for the exit rather than the end of one test because a test hands paths on
/// (to a database it opens, to a process it spawns) that must outlive any one value.
public enum Scratch {
    private static let made = Mutex<[String]>([])

    /// Creates `<tmp>/<prefix>-<UUID>` with mode 0700 (what a test writes there may be secret)
    /// and returns its path.
    public static func folder(_ prefix: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let first = made.withLock { folders in
            folders.append(path)
            return folders.count == 1
        }
        if first { atexit { Scratch.removeAll() } }
        return path
    }

    private static func removeAll() {
        for path in made.withLock({ $0 }) { try? FileManager.default.removeItem(atPath: path) }
    }
}
