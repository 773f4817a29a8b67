import Testing
@testable import RosterCore

@Suite("System settings")
struct SettingsTests {
    @Test("defaults: passwords of 12+ characters (NIST), terms required, MFA optional, lockout after 10 failures, 1-hour reset links", arguments: Backend.all)
    func defaults(_ backend: Backend) throws {
        let s = try Fixture(backend).roster.settings.current()
        #expect(s.passwordMinimumLength == 12 && s.termsRequiredForNewUsers && !s.mfaRequired)
        #expect(s.lockoutThreshold == 10 && s.resetLinkLifetimeMinutes == 60)
    }

    @Test("only administrators change settings; the change and the denial are audited", arguments: Backend.all)
    func onlyAdministrators(_ backend: Backend) throws {
        let f = try Fixture(backend)
        try f.approvalsOff()
        let admin = try f.actor(f.user("root@example.com", .administrator))
        let ops = try f.actor(f.user("ops@example.com", .operationsAdmin))
        #expect(throws: Denial.administratorsOnly("change system settings")) { try f.roster.settings.set(.mfaRequired, to: "true", by: ops) }
        #expect(try f.lastAudit().outcome == .denied)
        #expect(try f.roster.settings.set(.mfaRequired, to: "yes", by: admin).mfaRequired)
        #expect(try f.lastAudit().details == #"{"from":"false","key":"mfa.required","to":"true"}"#)
    }

    @Test("out-of-range values are refused and nothing changes", arguments: [
        (SettingKey.passwordMinimumLength, "6"), (.resetLinkLifetimeMinutes, "2000"), (.mfaRequired, "maybe"), (.lockoutThreshold, "ten"),
    ])
    func validation(key: SettingKey, value: String) throws {
        let f = try Fixture()
        let rows = try f.auditCount()
        let error = #expect(throws: RosterError.self) { try f.roster.settings.set(key, to: value, by: f.root) }
        guard case .invalidSetting(key: key.rawValue, _) = error else {
            Issue.record("expected an invalid-setting refusal naming \(key.rawValue), got \(String(describing: error))")
            return
        }
        #expect(try f.roster.settings.current() == SystemSettings())
        #expect(try f.auditCount() == rows)
    }

    @Test("with MFA required system-wide, new users must enroll", arguments: Backend.all)
    func mfaForNewUsers(_ backend: Backend) throws {
        let f = try Fixture(backend)
        _ = try f.roster.settings.set(.mfaRequired, to: "true", by: f.root)
        #expect(try f.user("n@example.com", .standard).mfaEnrollmentRequired)
    }
}
