import Foundation
import RosterTestSupport
import Testing

@Suite("Spawning servers for tests")
struct SpawnTests {
    @Test("a server started for one test holds none of the descriptors another test is reading from")
    func nothingInherited() throws {
        // Another test's pipe to its child, as Foundation's Process makes it (not close-on-exec).
        let pipe = Pipe()
        let pid = try Spawn.start(["sleep", "30"], log: "/dev/null")
        defer { kill(pid, SIGKILL); waitpid(pid, nil, 0) }
        // The spawn has happened once the child runs `sleep`; its descriptors are fixed from then.
        var descriptors: [String] = []
        for _ in 0..<200 {
            descriptors = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")) ?? []
            if (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?.hasPrefix("sleep") == true { break }
            usleep(10_000)
        }
        #expect(descriptors.sorted() == ["0", "1", "2"], "the child holds \(descriptors.sorted())")
        try pipe.fileHandleForWriting.close()
    }
}
