import Foundation
@testable import RosterConsole
import RosterCore
import RosterTerminal
import Testing

@Suite("The approvals screen", .serialized)
struct ApprovalsConsoleTests {
    /// The demo console (its administrator signed in), and Bea, a second administrator whose
    /// settings change waits as request #1.
    static func withRequest(size: Size = Size(width: 80, height: 24)) throws -> (Harness, Actor) {
        var h = try Harness(size: size)
        let bea = try h.roster.users.create(NewUser(email: "bea@demo.example", firstName: "Bea", lastName: "Admin", systemRole: .administrator,
                                                    password: .typed("quiet meadow under snow"), passwordChangeRequired: false,
                                                    termsAcceptanceRequired: false), by: .system("test")).user
        let actor = Actor(identity: .user(bea.id, bea.email), systemRole: .administrator)
        #expect(throws: Denial.awaitingApproval(request: 1, hours: 24)) {
            try h.roster.settings.set(.lockoutThreshold, to: "5", by: actor)
        }
        h.press("7")
        return (h, actor)
    }

    @Test("the waiting request is listed with who asked and until when; the tab counts it for those who may approve")
    func listed() throws {
        for size in [Size(width: 80, height: 24), Size(width: 120, height: 40)] {
            let (h, _) = try Self.withRequest(size: size)
            let approvals = try #require(h.state.shown(ApprovalsFeature.self))
            #expect(approvals.rows.count == 1 && approvals.rows.first?.requestedBy == "bea@demo.example")
            let text = h.screen().text
            #expect(text.contains("Approvals 1"), "the title bar counts it: \(text)")
            #expect(text.contains("Set lockout.threshold to 5 (was 10)"))
            try assertGolden(text, named: "approvals-\(size.width)x\(size.height)")
        }
    }

    @Test("a approves after a yes: the change is made as the operator, and the list says so")
    func approve() throws {
        var (h, _) = try Self.withRequest()
        h.press("a")
        let dialog = try #require(h.state.shown(ApprovalsFeature.self)?.dialog)
        #expect(dialog.message.first == "Set lockout.threshold to 5 (was 10)?")
        try assertGolden(h.screen().text, named: "dialog-approve-80x24")
        h.press(.tab, .enter)
        let approvals = try #require(h.state.shown(ApprovalsFeature.self))
        #expect(approvals.notice == "Approved #1: lockout.threshold is now 5.", "\(String(describing: approvals.notice))")
        #expect(approvals.rows.isEmpty, "nothing waits any more")
        #expect(try h.roster.settings.current(by: .system("test")).lockoutThreshold == 5)
        #expect(try h.roster.audit.recent(limit: 1, by: .system("test")).first?.action == "approval.approve")
    }

    @Test("x rejects with a reason; without one the form says why")
    func reject() throws {
        var (h, _) = try Self.withRequest()
        h.press("x", .enter)
        #expect(h.state.shown(ApprovalsFeature.self)?.form?.fields.first?.problem == "Say why.")
        h.type("not during the audit")
        h.press(.enter)
        #expect(h.state.shown(ApprovalsFeature.self)?.notice == "Rejected #1; nothing was changed.")
        #expect(try h.roster.approvals.show(ApprovalID(rawValue: 1), by: .system("test")).outcome == "not during the audit")
        h.press("f")
        #expect(h.state.shown(ApprovalsFeature.self)?.rows.first?.state == .rejected, "f shows settled requests too")
    }

    @Test("one's own request can't be approved: said at once, no dialog")
    func ownRequest() throws {
        var h = try Harness()
        #expect(throws: Denial.awaitingApproval(request: 1, hours: 24)) {
            try h.roster.settings.set(.lockoutThreshold, to: "5", by: try h.roster.auth.actor(forToken: try #require(h.session.current), ip: nil))
        }
        h.press("7", "a")
        #expect(h.state.shown(ApprovalsFeature.self)?.dialog == nil)
        #expect(h.state.shown(ApprovalsFeature.self)?.notice == Denial.ownRequest.message)
        #expect(!h.screen().text.contains("Approvals 1"), "one's own request isn't counted as waiting for oneself")
    }
}
