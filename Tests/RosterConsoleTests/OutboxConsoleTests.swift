import Foundation
@testable import RosterConsole
import RosterCore
import RosterTerminal
import Testing

@Suite("The outbox screen", .serialized)
struct OutboxConsoleTests {
    func outbox(_ h: Harness) -> OutboxState? {
        h.state.shown(OutboxFeature.self)
    }

    @Test("4 lists the mail newest first with status and attempts, never the bodies (they carry links)")
    func lists() throws {
        var (h, _) = try DialogConsoleTests.drawerOnTanaka()
        h.press("W", .tab, .enter, .escape, "4")
        let rows = try #require(outbox(h)?.rows)
        #expect(rows.first?.subject.isEmpty == false && rows.first?.status == .queued)
        let body = try #require(rows.first?.body)
        let longest = try #require(body.split(separator: "\n").max { $0.count < $1.count })
        #expect(longest.count > 20 && !h.screen().text.contains(String(longest.prefix(20))))
    }

    @Test("t retries a message after a confirmation; audited")
    func retry() throws {
        var (h, _) = try DialogConsoleTests.drawerOnTanaka()
        h.press("W", .tab, .enter, .escape, "4", "t")
        #expect(outbox(h)?.dialog?.title == "Retry a message")
        h.press(.tab, .enter)
        #expect(outbox(h)?.notice?.contains("back in the queue") == true, "\(String(describing: outbox(h)?.notice))")
        #expect(try h.roster.audit.recent(limit: 1, by: .system("test")).first?.action == "mail.retry")
    }

    @Test("screens: the outbox at 80x24 and 120x40")
    func goldens() throws {
        for size in [Size(width: 80, height: 24), Size(width: 120, height: 40)] {
            var (h, _) = try DialogConsoleTests.drawerOnTanaka(size: size)
            h.press("W", .tab, .enter, .escape, "4")
            try assertGolden(h.screen().text, named: "outbox-\(size.width)x\(size.height)")
        }
    }
}
