import Foundation
import RosterConsole
import RosterCore
import RosterTerminal
import Testing

/// An account with a pending step sees only that step in the console, then the table.
@Suite("Pending steps in the console")
struct PendingStepConsoleTests {
    let system = Actor.system("test")

    /// A console on the sign-in screen, and a standard user `mei@example.com` made by `make`.
    func signingIn(size: Size = Size(width: 80, height: 24), _ make: (Harness) throws -> Void) throws -> Harness {
        var h = try Harness(users: 30, size: size, signedIn: false)
        try make(h)
        h.state.screen = .signIn(SignInState(email: "mei@example.com"))
        h.type("violet harbour lanterns")
        h.press(.enter)
        return h
    }

    func createMei(_ h: Harness, passwordChange: Bool = false, terms: Bool = false, mfa: Bool = false) throws {
        _ = try h.roster.users.create(NewUser(email: "mei@example.com", firstName: "Mei", lastName: "Tanaka",
                                              password: .typed("violet harbour lanterns"), passwordChangeRequired: passwordChange,
                                              mfaEnrollmentRequired: mfa, termsAcceptanceRequired: terms), by: system)
    }

    @Test("a must-change-password account sees only the change-password form, then its own row")
    func changePassword() throws {
        var h = try signingIn { try createMei($0, passwordChange: true) }
        guard case .step(let form) = h.state.screen else { Issue.record("expected the step screen, got \(h.state.screen)"); return }
        #expect(form.step == .changePassword)
        let screen = h.screen().text
        #expect(screen.contains("Choose a new password") && !screen.contains("@demo.example"), "nothing of the directory")
        try assertGolden(screen, named: "step-change-password-80x24")
        // A mismatch is caught before anything is sent.
        h.type("violet harbour lanterns"); h.press(.tab)
        h.type("quiet meadow under snow"); h.press(.tab)
        h.type("quiet meadow under rain"); h.press(.enter)
        guard case .step(let mismatch) = h.state.screen else { Issue.record("left the step"); return }
        #expect(mismatch.message == "The two new passwords differ; type them again.")
        h.type("quiet meadow under snow"); h.press(.tab)
        h.type("quiet meadow under snow"); h.press(.enter)
        guard case .users = h.state.screen else { Issue.record("expected the users table, got \(h.state.screen)"); return }
        #expect(h.users.rows.map(\.email.value) == ["mei@example.com"], "a standard user sees only themselves")
        #expect(h.state.signedIn?.pendingSteps == [])
    }

    @Test("MFA enrollment: password, QR code and secret, a code, the recovery codes once, then the table")
    func enrollMFA() throws {
        var h = try signingIn(size: Size(width: 100, height: 44)) { try createMei($0, mfa: true) }
        guard case .step(let first) = h.state.screen, first.step == .enrollMFA else { Issue.record("expected MFA enrollment"); return }
        h.type("wrong password here"); h.press(.enter)
        guard case .step(let refused) = h.state.screen else { Issue.record("left the step"); return }
        #expect(refused.message?.contains("current password is not right") == true)
        h.type("violet harbour lanterns"); h.press(.enter)
        guard case .step(let started) = h.state.screen, let enrollment = started.enrollment else { Issue.record("no enrollment"); return }
        let screen = h.screen().text
        #expect(screen.contains("Scan this with your authenticator app") && screen.contains(enrollment.secret))
        #expect(screen.contains("▀") || screen.contains("▄"), "a QR code drawn with half blocks")
        try assertGolden(screen, named: "step-mfa-100x44")
        let totp = TOTP(secret: try #require(Base32.decode(enrollment.secret)))
        h.type(totp.code(at: Harness.now)); h.press(.enter)
        guard case .step(let done) = h.state.screen, let codes = done.recoveryCodes else { Issue.record("no recovery codes"); return }
        #expect(codes.count == 10 && h.screen().text.contains(codes[0]))
        h.press(.enter)
        guard case .users = h.state.screen else { Issue.record("expected the users table"); return }
        #expect(!h.screen().text.contains(codes[0]), "shown once")
    }

    @Test("terms: the text to read, accept opens the table; decline signs out")
    func terms() throws {
        let setUp: (Harness) throws -> Void = { h in
            try createMei(h, terms: true)
            _ = try h.roster.settings.set(.termsText, to: "Be kind.\nKeep secrets secret.", by: system)
        }
        var h = try signingIn(setUp)
        guard case .step(let shown) = h.state.screen, shown.step == .acceptTerms else { Issue.record("expected the terms"); return }
        #expect(h.screen().text.contains("Keep secrets secret."))
        h.press("a")
        guard case .users = h.state.screen else { Issue.record("expected the users table"); return }

        var declining = try signingIn(setUp)
        declining.press("d")
        guard case .signIn(let form) = declining.state.screen else { Issue.record("expected the sign-in screen"); return }
        #expect(form.message?.contains("declined the terms") == true)
        #expect(declining.session.current == nil)
    }
}
