import Foundation

/// Reads an SQLite database file, its write-ahead log and the name order saved beside it once
/// from end to end, so that a measurement starts with them in the page cache, as files in use
/// stay. Some machines page out file pages nobody touched for a while (this project's build
/// machine runs a DAMON scheme that does so after about a minute): a run would then time disk
/// reads of whatever the previous run left, and two runs of one build could differ by a third.
/// `ROSTER_BENCH_COLD=1` skips it, to measure a cold start on purpose. A PostgreSQL address
/// names no file and is left alone (its tables sit in its shared buffers).
func warmPageCache(_ path: String) {
    guard ProcessInfo.processInfo.environment["ROSTER_BENCH_COLD"] == nil else { return }
    for file in [path, path + "-wal", path + "-names", path + "-search"] where FileManager.default.fileExists(atPath: file) {
        guard let handle = FileHandle(forReadingAtPath: file) else { continue }
        defer { try? handle.close() }
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {}
    }
}
