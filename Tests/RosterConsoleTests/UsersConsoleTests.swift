import Foundation
import RosterConsole
import RosterCore
import RosterTerminal
import Testing

@Suite("Users console")
struct UsersConsoleTests {
    @Test("opening reads one screen of rows and a little more, and a count, not the table")
    func opening() throws {
        let h = try Harness(users: 500)
        #expect(h.users.rows.count == h.state.visibleRows + 20)
        #expect(h.users.rows.count < UsersState.pageSize, "a keystroke waits for a screen, not a page")
        #expect(h.users.total == 509)
        #expect(h.performed.allSatisfy { effect in
            if case .loadUsers(_, let query, _) = effect { return query.limit <= UsersState.pageSize }
            return true
        })
    }

    @Test("a new list reads ahead only once the selection moves, so typing never waits behind a read-ahead")
    func readAheadWaitsForAMove() throws {
        var h = try Harness(users: 500)
        func appends() -> Int { h.performed.filter { if case .loadUsers(_, _, .append) = $0 { true } else { false } }.count }
        h.press("/", "a")
        #expect(h.users.filter == "a" && !h.users.loadingList)
        #expect(appends() == 0)
        h.press(.enter, "j")
        #expect(appends() == 1)
        #expect(h.users.selected == 1)
    }

    @Test("a screen grown taller than the rows read reads ahead at once, and shows no gap")
    func resizeTaller() throws {
        var h = try Harness(users: 500)
        #expect(h.users.windowEnd == h.state.visibleRows + 20)
        h.send(.resize(Size(width: 80, height: 90)))
        #expect(h.users.windowEnd >= h.users.top + h.state.visibleRows, "rows \(h.users.windowEnd), screen \(h.state.visibleRows)")
        #expect(h.screen().text.contains("1–86 of 509"))
    }

    @Test("a read-ahead that lands after End read the end afresh is dropped, not put beside the end's rows")
    func staleEdgeLoad() throws {
        var h = try Harness(users: 500)
        h.press("G")
        let atEnd = h.users
        let stale = UsersLoad(generation: h.users.generation, placement: .append,
                              page: UserPage(rows: Array(atEnd.rows.prefix(3)), hasMoreBefore: true, hasMoreAfter: true), total: nil)
        h.send(.usersLoaded(stale))
        #expect(h.users == atEnd)
    }

    @Test("moving down past the window reads the next page by keyset; the status line follows")
    func pagingDown() throws {
        var h = try Harness(users: 500)
        for _ in 0..<6 { h.press(.pageDown) }
        #expect(h.users.selected == 120)
        #expect(h.performed.contains { if case .loadUsers(_, _, .append) = $0 { true } else { false } })
        #expect(h.screen().text.contains("121–140 of 509"), "PgDn scrolls a whole screen, like less")
        // Every row the window holds is the one the full sorted list has at that position.
        let all = try h.roster.users.list(UserQuery(limit: 1000), by: .system("test")).rows
        for (offset, row) in h.users.rows.enumerated() {
            #expect(row.id == all[h.users.windowStart + offset].id)
        }
    }

    @Test("G jumps to the last user; moving back up reads earlier pages before it")
    func endAndBack() throws {
        var h = try Harness(users: 2000)
        h.press("G")
        #expect(h.users.selected == 2008 && h.users.total == 2009)
        #expect(h.screen().text.contains("1,990–2,009 of 2,009"))
        for _ in 0..<10 { h.press(.pageUp) }
        #expect(h.users.selected == 1808)
        #expect(h.performed.contains { if case .loadUsers(_, _, .prepend) = $0 { true } else { false } })
        let all = try h.roster.users.list(UserQuery(position: .last, limit: 1000), by: .system("test")).rows
        let selected = try #require(h.users.selectedRow)
        #expect(selected.id == all[all.count - 1 - 200].id)
        h.press("g")
        #expect(h.users.selected == 0)
    }

    @Test("g after G on a long list reads the top in one go instead of paging back to it")
    func homeFromEnd() throws {
        var h = try Harness(users: 2000)
        h.press("G")
        h.performed = []
        h.press("g")
        #expect(h.users.selected == 0 && h.users.windowStart == 0)
        let reads = h.performed.filter { if case .loadUsers = $0 { true } else { false } }
        #expect(reads.count == 1, "one read, not twenty pages: \(h.performed)")
        #expect(h.screen().text.contains("1–20 of 2,009"))
    }

    @Test("the window never grows past its cap")
    func windowCap() throws {
        var h = try Harness(users: 2000)
        for _ in 0..<60 { h.press(.pageDown) }
        #expect(h.users.rows.count <= UsersState.windowCap)
        #expect(h.users.selected == 1200)
    }

    @Test("every keystroke in the filter refilters; Esc clears, Enter keeps")
    func filter() throws {
        var h = try Harness(users: 300)
        h.press("/")
        h.type("tan")
        let generation = h.users.generation
        #expect(h.users.filter == "tan" && h.users.editingFilter)
        #expect(h.users.rows.allSatisfy { $0.name.lowercased().contains("tan") || $0.email.value.contains("tan") })
        h.press(.enter)
        #expect(!h.users.editingFilter && h.users.filter == "tan")
        h.press("/", .escape)
        #expect(h.users.filter.isEmpty && h.users.total == 309 && h.users.generation > generation)
    }

    @Test("results of a superseded query are dropped")
    func staleResults() throws {
        var h = try Harness(users: 50)
        let old = h.users.generation
        h.press("/")
        h.type("ana")
        let before = h.users
        let stale = UsersLoad(generation: old, placement: .replaceFromTop,
                              page: UserPage(rows: [], hasMoreBefore: false, hasMoreAfter: false), total: nil)
        h.send(.usersLoaded(stale))
        h.send(.usersCounted(generation: old, total: 0))
        #expect(h.users == before)
    }

    @Test("s cycles the sort column and S reverses it")
    func sorting() throws {
        var h = try Harness(users: 50)
        h.press("s")
        #expect(h.users.sort == UserSort(.email))
        let emails = h.users.rows.map(\.email.value)
        #expect(emails == emails.sorted())
        h.press("S")
        #expect(h.users.sort == UserSort(.email, ascending: false))
        let everyEmail = try h.roster.users.list(UserQuery(sort: UserSort(.email), limit: 1000), by: .system("test")).rows.map(\.email.value)
        #expect(everyEmail.count == 59)
        #expect(h.users.rows.first?.email.value == everyEmail.last)
    }

    @Test("? shows help and any key closes it; q quits")
    func helpAndQuit() throws {
        var h = try Harness(users: 10)
        h.press("?")
        #expect(h.state.showingHelp)
        h.press("j")
        #expect(!h.state.showingHelp && h.users.selected == 0, "the closing key does nothing else")
        h.press("q")
        #expect(h.state.quitting)
    }

    @Test("resizing keeps the selection on screen; too small shows a message and q still quits")
    func resize() throws {
        var h = try Harness(users: 300)
        for _ in 0..<30 { h.press("j") }
        h.send(.resize(Size(width: 80, height: 16)))
        #expect(h.users.selected >= h.users.top && h.users.selected < h.users.top + h.state.visibleRows)
        h.send(.resize(Size(width: 1, height: 1)))
        #expect(h.screen().size == Size(width: 1, height: 1))
        h.send(.resize(Size(width: 120, height: 40)))
        #expect(h.screen().text.contains("of 309"))
        h.send(.resize(Size(width: 40, height: 10)))
        h.press("q")
        #expect(h.state.quitting)
    }
}

@Suite("Sign-in console")
struct SignInConsoleTests {
    @Test("a wrong password shows the generic message; the right one opens the users table")
    func signIn() throws {
        var h = try Harness(users: 20, signedIn: false)
        guard case .signIn(let form) = h.state.screen, let hint = form.demoHint else {
            Issue.record("expected the sign-in screen with a demo hint")
            return
        }
        let password = String(hint.split(separator: " ").last ?? "")
        h.type("wrong password")
        h.press(.enter)
        guard case .signIn(let failed) = h.state.screen else { Issue.record("left sign-in on a wrong password"); return }
        #expect(failed.message == RosterError.signInFailed.message && failed.password.isEmpty)
        h.type(password)
        h.press(.enter)
        #expect(h.state.signedIn?.email == "admin@demo.example")
        #expect(h.users.total == 29)
    }

    @Test("an account with MFA is asked for its code; a wrong code asks again; the right one signs in")
    func authenticatorCode() throws {
        var h = try Harness(users: 5, signedIn: false)
        let password = try h.demoPassword()
        let totp = try h.enrollDemoAdministratorInMFA(password: password)

        h.type(password)
        h.press(.enter)
        guard case .signIn(let asking) = h.state.screen else { Issue.record("left sign-in without a code"); return }
        #expect(asking.needsCode && asking.focus == .code)
        try assertGolden(h.screen().text, named: "signin-code-80x24")

        h.type("000000")
        h.press(.enter)
        guard case .signIn(let refused) = h.state.screen else { Issue.record("a wrong code signed in"); return }
        #expect(refused.message == RosterError.invalidCode.message)
        #expect(refused.code.isEmpty && refused.focus == .code && !refused.password.isEmpty,
                "only the code is asked for again: the password was right")
        #expect(h.state.signedIn == nil)

        // The code of the enrollment's time step was used up when enrolling; the next one is fresh.
        h.type(totp.code(at: Harness.now.addingTimeInterval(30)))
        h.press(.enter)
        #expect(h.state.signedIn?.email == "admin@demo.example")
    }

    @Test("the password is never drawn")
    func masked() throws {
        var h = try Harness(users: 5, signedIn: false)
        h.type("s3cret-words")
        #expect(!h.screen().text.contains("s3cret") && h.screen().text.contains("************"))
    }

    @Test("a count that stopped past the limit reads \"of 10,000+\"; G still counts exactly")
    func countPastLimit() throws {
        var h = try Harness(users: 500)
        h.send(.usersCounted(generation: h.users.generation, total: UsersState.countLimit + 1))
        #expect(h.users.total == nil && h.users.moreThan == UsersState.countLimit)
        #expect(h.screen().text.contains("1–20 of 10,000+"), "\(h.screen().text)")
        h.press("G")
        #expect(h.users.total == 509, "the end of the list is counted exactly")
        #expect(h.screen().text.contains("of 509"))
    }
}
