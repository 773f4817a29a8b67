import Foundation
@testable import RosterConsole
import RosterCore
import RosterTerminal
import Testing

@Suite("The orgs screen", .serialized)
struct OrgsConsoleTests {
    func orgs(_ h: Harness) -> OrgsState? {
        h.state.shown(OrgsFeature.self)
    }

    @Test("2 lists the organizations with members counted against their limits per kind, with how many more may join")
    func lists() throws {
        var h = try Harness()
        h.press("2")
        let rows = try #require(orgs(h)?.rows)
        let demo = try h.roster.orgs.summaries(by: .system("test"))
        #expect(rows.map(\.org.name) == demo.map(\.org.name))
        #expect(OrgsReducer.capacity(12, 20) == "12 / 20 (8 more)")
        #expect(OrgsReducer.capacity(25, 20) == "25 / 20 (0 more)")
        #expect(OrgsReducer.capacity(3, nil) == "3 / no limit")
    }

    @Test("limits: a form checked as typed, a confirmation saying what changes, saved and audited; the new member past it is refused")
    func setLimits() throws {
        var h = try Harness()
        h.press("2", "e")
        let row = try #require(orgs(h)?.selectedRow)
        h.press(.control("u"))
        h.type("-1")
        #expect(orgs(h)?.form?.fields[0].problem == "A whole number, 0 or more; empty for no limit.")
        h.press(.control("u"))
        h.type(String(row.headcount.standard))
        h.press(.enter)
        #expect(orgs(h)?.dialog?.message.first?.hasPrefix("Limit \(row.org.name) to \(row.headcount.standard) standard") == true)
        h.press(.tab, .enter)
        #expect(orgs(h)?.notice == "Limits of \(row.org.name) set.")
        #expect(orgs(h)?.rows.first { $0.org.id == row.org.id }?.org.standardUserLimit == row.headcount.standard)
        #expect(try h.roster.audit.recent(limit: 1, by: .system("test")).first?.action == "org.set-limits")
        #expect(throws: Denial.self) {
            try h.roster.users.create(NewUser(email: "one.more@demo.example", firstName: "One", lastName: "More", org: row.org.id),
                                      by: .system("test"))
        }
    }

    @Test("l locks after a confirmation; Enter lists the members with their org roles; Esc goes back")
    func lockAndMembers() throws {
        var h = try Harness()
        h.press("2", "l")
        let row = try #require(orgs(h)?.selectedRow)
        #expect(orgs(h)?.dialog?.title == "Lock organization")
        h.press(.tab, .enter)
        #expect(orgs(h)?.rows.first { $0.org.id == row.org.id }?.org.locked == true)
        h.press(.enter)
        let members = try #require(orgs(h)?.members)
        #expect(members.count == row.headcount.standard + row.headcount.service + row.headcount.readOnly)
        h.press("q")
        #expect(h.state.quitting == true, "q still quits from the member list (it isn't text)")
    }

    @Test("past the sudo window, lifting an org's MFA requirement asks the operator to confirm it's them; requiring it doesn't")
    func liftingMFAAsksForSudo() throws {
        var h = try Harness()
        // An org the operator isn't in: requiring MFA in their own would make enrolling their next step.
        let mine = try h.roster.auth.actor(forToken: try #require(h.session.current), ip: nil).orgRoles
        let org = try #require(try h.roster.orgs.summaries(by: .system("test")).first { mine[$0.org.id] == nil }?.org)
        _ = try h.roster.orgs.setMFARequired(org.id, true, by: .system("test"))
        h.press("2")
        for _ in 0..<50 where orgs(h)?.selectedRow?.org.id != org.id { h.press("j") }
        try #require(orgs(h)?.selectedRow?.org.id == org.id)
        h.clock.advance(minutes: 20)
        h.press("m", .tab, .enter)
        #expect(h.state.reauth != nil, "lifting MFA waits for the operator's password or code")
        h.press(.escape)
        #expect(orgs(h)?.notice == "Not confirmed; nothing was changed." && orgs(h)?.working == false)
        #expect(try h.roster.orgs.summaries(by: .system("test")).first { $0.org.id == org.id }?.org.mfaRequired == true)
        _ = try h.roster.orgs.setMFARequired(org.id, false, by: .system("test"))
        h.press("r")
        h.press("m", .tab, .enter)
        #expect(h.state.reauth == nil, "requiring MFA asks nothing more than the confirmation")
        #expect(orgs(h)?.notice == "\(org.name) now requires MFA.", "\(orgs(h)?.notice ?? "")")
    }

    @Test("screens: the orgs at 80x24 and 120x40")
    func goldens() throws {
        for size in [Size(width: 80, height: 24), Size(width: 120, height: 40)] {
            var h = try Harness(size: size)
            h.press("2")
            try assertGolden(h.screen().text, named: "orgs-\(size.width)x\(size.height)")
        }
    }

    @Test("g lists an org's groups; n creates one (a name checked as typed, unique in the org), X deletes it after its name is typed")
    func groups() throws {
        var h = try Harness()
        h.press("2", "g")
        let org = try #require(orgs(h)?.groups, "\(h.screen().text)")
        h.press("n")
        h.type("On call")
        h.press(.enter, .tab, .enter)
        #expect(orgs(h)?.notice == "Created the group “On call”.")
        let created = try #require(orgs(h)?.groups?.rows.first { $0.group.name == "On call" })
        #expect(try h.roster.groups.groups(in: org.orgId, by: .system("test")).contains { $0.group.name == "On call" })
        // A second group by the same name is refused before anything is sent.
        h.press("n")
        h.type("on call")
        h.press(.enter)
        #expect(orgs(h)?.groups?.form?.fields.first?.problem == "\(org.orgName) has a group by that name.")
        h.press(.escape)
        while orgs(h)?.groups?.selectedRow?.group.id != created.group.id { h.press("j") }
        h.press("X", .tab, .enter)
        #expect(orgs(h)?.groups?.dialog != nil, "nothing until the name is typed")
        h.type("On call")
        h.press(.enter)
        #expect(orgs(h)?.notice?.hasPrefix("Deleted the group") == true)
        #expect(try !h.roster.groups.groups(in: org.orgId, by: .system("test")).contains { $0.group.name == "On call" })
        try assertGolden(h.screen().text, named: "groups-80x24")
        h.press(.escape)
        #expect(orgs(h)?.groups == nil)
    }

    @Test("screens: an org's groups, and one group's members, at 120x40")
    func groupsWide() throws {
        var h = try Harness(size: Size(width: 120, height: 40))
        h.press("2", "g", "n")
        h.type("On call")
        h.press(.enter, .tab, .enter)
        let org = try #require(orgs(h)?.groups)
        try assertGolden(h.screen().text, named: "groups-120x40")
        while orgs(h)?.groups?.selectedRow?.group.name != "On call" { h.press("j") }
        let member = try #require(try h.roster.orgs.members(of: org.orgId, by: .system("test")).first)
        let group = try #require(orgs(h)?.groups?.selectedRow?.group.id)
        try h.roster.groups.addMember(member.userId, to: group, by: .system("test"))
        h.press(.enter)
        #expect(orgs(h)?.groups?.members == [member.email])
        try assertGolden(h.screen().text, named: "group-members-120x40")
    }

    @Test("in a group's member list, a picks someone of the org, narrowed as typed (never an outsider, never a member twice); A removes the selected one; both confirmed and audited")
    func groupMembers() throws {
        var h = try Harness()
        h.press("2", "g", "n")
        h.type("On call")
        h.press(.enter, .tab, .enter)
        let org = try #require(orgs(h)?.groups)
        while orgs(h)?.groups?.selectedRow?.group.name != "On call" { h.press("j") }
        h.press(.enter)
        #expect(orgs(h)?.groups?.members == [])
        #expect(h.screen().text.contains("No members yet; a adds someone from \(org.orgName)."))
        let everyone = try h.roster.orgs.members(of: org.orgId, by: .system("test"))
        let member = try #require(everyone.last)
        _ = try h.roster.users.create(NewUser(email: "outsider@example.com", firstName: "Out", lastName: "Sider"), by: .system("test"))
        h.press("a")
        let picker = try #require(orgs(h)?.groups?.picker)
        #expect(picker.candidates?.map(\.email) == everyone.map(\.email), "every member of the org, nobody else")
        h.type("outsider")
        #expect(orgs(h)?.groups?.picker?.matches.isEmpty == true)
        #expect(h.screen().text.contains("Nobody in \(org.orgName) matches"))
        h.press(.control("u"))
        h.type(member.email.value.uppercased())
        #expect(orgs(h)?.groups?.picker?.matches.map(\.email) == [member.email], "a typed email finds its owner, ignoring case")
        h.press(.enter)
        let dialog = try #require(orgs(h)?.groups?.dialog)
        #expect(dialog.message.joined() == "Add \(member.email) to “On call” in \(org.orgName)?")
        h.press(.tab, .enter)
        #expect(orgs(h)?.notice == "Added \(member.email) to the group.")
        #expect(orgs(h)?.groups?.members == [member.email], "the list is read again")
        #expect(try h.roster.audit.recent(limit: 1, by: .system("test")).first?.action == "group.add-member")
        h.press("a")
        #expect(orgs(h)?.groups?.picker?.candidates?.contains { $0.email == member.email } == false, "a member isn't offered twice")
        h.press(.escape)
        #expect(orgs(h)?.groups?.picker == nil && orgs(h)?.groups?.members != nil, "Esc leaves the picker, not the list")
        h.press("A")
        #expect(orgs(h)?.groups?.dialog?.message.joined().contains("They stay in \(org.orgName).") == true)
        h.press(.tab, .enter)
        #expect(orgs(h)?.groups?.members == [])
        #expect(try h.roster.audit.recent(limit: 1, by: .system("test")).first?.action == "group.remove-member")
        h.press("?")
        #expect(h.screen().text.contains("add someone of the org"), "help lists the member keys")
    }

    @Test("the picker lists the first 500 matches, and moving never selects one it doesn't show")
    func pickerKeepsToWhatItShows() throws {
        var groups = GroupsState(orgId: OrgID(rawValue: 1), orgName: "Big", refusal: nil)
        var picker = MemberPickerState(groupId: GroupID(rawValue: 1), groupName: "All")
        picker.candidates = try (0..<600).map { OrgMember(userId: UserID(rawValue: Int64($0)), email: try Email("m\($0)@example.com"), name: "M \($0)", role: .member) }
        groups.picker = picker
        #expect(picker.matches.count == MemberPickerState.shown)
        MemberPickerAction.reduce(&groups, key: .up)
        #expect(groups.picker?.selected == MemberPickerState.shown - 1)
        #expect(groups.picker?.chosen?.email.value == "m499@example.com")
        MemberPickerAction.reduce(&groups, key: .enter)
        #expect(groups.dialog?.message.first?.contains("m499@example.com") == true)
    }

    @Test("screen: the member picker, narrowed, at 80x24")
    func memberPickerGolden() throws {
        var h = try Harness()
        h.press("2", "g", "n")
        h.type("On call")
        h.press(.enter, .tab, .enter)
        while orgs(h)?.groups?.selectedRow?.group.name != "On call" { h.press("j") }
        h.press(.enter, "a")
        h.type("a")
        try assertGolden(h.screen().text, named: "group-member-picker-80x24")
    }

    @Test("n creates an organization (a unique name, checked as typed), R renames it, X deletes it once its name is typed")
    func createRenameDelete() throws {
        var h = try Harness()
        h.press("2", "n")
        h.type("Acme Operations")
        #expect(orgs(h)?.form?.fields.first?.problem == "An organization by that name exists.")
        h.press(.control("u"))
        h.type("Zeta Labs")
        h.press(.enter, .tab, .enter)
        #expect(orgs(h)?.notice == "Created the organization “Zeta Labs”.")
        while orgs(h)?.selectedRow?.org.name != "Zeta Labs" { h.press("j") }
        h.press("R", .control("u"))
        h.type("Zeta Research")
        h.press(.enter, .tab, .enter)
        #expect(orgs(h)?.notice == "Renamed it “Zeta Research”.")
        while orgs(h)?.selectedRow?.org.name != "Zeta Research" { h.press(orgs(h)?.selected == 0 ? "j" : "k") }
        h.press("X", .tab)
        h.type("Zeta Research")
        h.press(.enter)
        #expect(orgs(h)?.notice?.hasPrefix("Deleted Zeta Research") == true, "\(String(describing: orgs(h)?.notice))")
        #expect(try !h.roster.orgs.summaries(by: .system("test")).contains { $0.org.name.hasPrefix("Zeta") })
    }
}

