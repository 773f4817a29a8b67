import Foundation
import Testing

/// `roster reviews`: start, decide, submit, and the review kept for export.
@Suite("Review commands")
struct ReviewCLITests {
    @Test("start lists every member; decisions wait until submit; the kept review exports as CSV")
    func lifecycle() throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        #expect(try cli.run(["orgs", "create", "Acme"]).status == 0)
        for who in ["ana", "bo"] {
            #expect(try cli.run(["users", "create", "--email", "\(who)@example.com", "--first", who, "--last", "Acme",
                                 "--org", "Acme"]).status == 0)
        }
        let started = try cli.run(["reviews", "start", "Acme"])
        #expect(started.status == 0 && started.out.contains("Review #1 of Acme: 2 member(s)"), "\(started.err)")
        #expect(try cli.run(["reviews", "start", "Acme"]).err.contains("has a review open already: #1"))
        #expect(try cli.run(["reviews", "decide", "1", "ana@example.com", "keep"]).status == 0)
        #expect(try cli.run(["reviews", "decide", "1", "bo@example.com", "maybe"]).status == 64)
        let early = try cli.run(["reviews", "submit", "1"])
        #expect(early.status == 1 && early.err.contains("1 member has no decision yet"), "\(early.err)")
        #expect(try cli.run(["reviews", "decide", "1", "bo@example.com", "remove"]).status == 0)
        let submitted = try cli.run(["reviews", "submit", "1"])
        #expect(submitted.status == 0 && submitted.out.contains("1 kept, 1 removed"), "\(submitted.out) \(submitted.err)")
        let members = try cli.run(["orgs", "members", "Acme"])
        #expect(members.status == 0 && members.out.contains("ana@example.com") && !members.out.contains("bo@example.com"), "\(members.err)")
        let csv = try cli.run(["reviews", "show", "1", "--output", "csv"]).out
        #expect(csv.hasPrefix("EMAIL,ORG ROLE,") && csv.contains("bo@example.com,member,") && csv.contains(",remove"), "\(csv)")
        let interval = try cli.run(["reviews", "interval", "Acme", "30"])
        #expect(interval.status == 0 && interval.out.contains("Acme is reviewed every 30 days; next due"), "\(interval.err)")
    }
}
