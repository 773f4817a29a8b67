import Foundation
import Testing
@testable import RosterCore

@Suite("SSH keys and SSH sign-in")
struct SSHKeyTests {
    /// Ana with one registered key, and its id.
    static func withKey(_ f: Fixture, role: SystemRole = .standard) throws -> (User, Int64) {
        let ana = try f.user("ana@example.com", role)
        let key = try f.roster.sshKeys.add(SampleKeys.ed25519, to: ana.id, by: f.root)
        return (ana, try #require(key.id))
    }

    @Test("a key is registered with its fingerprint, listed, audited, and belongs to one account at most", arguments: Backend.all)
    func register(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let (ana, _) = try Self.withKey(f)
        let row = try f.lastAudit()
        #expect(row.action == "ssh-key.add" && row.details.contains(SampleKeys.ed25519Fingerprint))
        let bo = try f.user("bo@example.com", .standard)
        let keys = try f.roster.sshKeys.keys(of: ana.id, by: f.root)
        #expect(keys.map(\.fingerprint) == [SampleKeys.ed25519Fingerprint])
        #expect(keys.first?.typeLabel == "ED25519" && keys.first?.comment == "ana@laptop")
        let rows = try f.auditCount()
        #expect(throws: SSHKeyProblem.alreadyRegistered) { try f.roster.sshKeys.add(SampleKeys.ed25519, to: bo.id, by: f.root) }
        #expect(throws: SSHKeyProblem.alreadyRegistered) { try f.roster.sshKeys.add(SampleKeys.ed25519, to: ana.id, by: f.root) }
        #expect(throws: SSHKeyProblem.rsaTooShort(bits: 2048)) { try f.roster.sshKeys.add(SampleKeys.rsa2048, to: bo.id, by: f.root) }
        #expect(try f.auditCount() == rows, "a refused key writes nothing")
    }

    @Test("people add their own keys; only admins who may edit a user add theirs; API keys never", arguments: Backend.all)
    func policy(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let ana = try f.user("ana@example.com", .standard)
        let bo = try f.user("bo@example.com", .standard)
        let admin = try f.user("admin@example.com", .administrator)
        _ = try f.roster.sshKeys.add(SampleKeys.ed25519, to: ana.id, by: try f.actor(ana))
        // Standard users see only themselves: anyone else is answered as if they did not exist.
        #expect(throws: RosterError.userNotFound(String(ana.id.rawValue))) { try f.roster.sshKeys.add(SampleKeys.ecdsa384, to: ana.id, by: try f.actor(bo)) }
        #expect(try f.lastAudit().outcome == .denied)
        #expect(throws: RosterError.userNotFound(String(admin.id.rawValue))) { try f.roster.sshKeys.add(SampleKeys.ecdsa384, to: admin.id, by: try f.actor(ana)) }
        var viaKey = try f.actor(admin)
        viaKey.viaAPIKey = true
        #expect(throws: Denial.apiKeyCannotManageCredentials) { try f.roster.sshKeys.add(SampleKeys.ecdsa384, to: bo.id, by: viaKey) }
        #expect(throws: RosterError.userNotFound(String(ana.id.rawValue))) { try f.roster.sshKeys.keys(of: ana.id, by: try f.actor(bo)) }
    }

    @Test("sshd is answered for an active, unlocked account's key, and nothing else", arguments: Backend.all)
    func authorizedKey(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let (ana, keyId) = try Self.withKey(f)
        let fields = SampleKeys.ed25519.split(separator: " ").map(String.init)
        #expect(try f.roster.sshKeys.authorizedKey(type: fields[0], base64: fields[1])?.key.id == keyId)
        #expect(try f.roster.sshKeys.authorizedKey(type: "ssh-rsa", base64: fields[1]) == nil, "type must match")
        let other = SampleKeys.ecdsa384.split(separator: " ").map(String.init)
        #expect(try f.roster.sshKeys.authorizedKey(type: other[0], base64: other[1]) == nil, "unregistered")
        #expect(try f.roster.sshKeys.authorizedKey(type: fields[0], base64: "garbage") == nil)
        _ = try f.roster.users.lock(ana.id, by: f.root)
        #expect(try f.roster.sshKeys.authorizedKey(type: fields[0], base64: fields[1]) == nil, "locked")
        _ = try f.roster.users.unlock(ana.id, by: f.root)
        _ = try f.roster.users.deactivate(ana.id, by: f.root)
        #expect(try f.roster.sshKeys.authorizedKey(type: fields[0], base64: fields[1]) == nil, "deactivated")
    }

    @Test("an SSH session names its address and key in every audit row it writes", arguments: Backend.all)
    func accountable(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let (ana, keyId) = try Self.withKey(f)
        let signIn = try f.roster.auth.signIn(sshKey: keyId, ip: "127.0.0.1", client: .console)
        #expect(signIn.session.client == "ssh" && signIn.session.sshKey == SampleKeys.ed25519Fingerprint)
        let signInRow = try f.lastAudit()
        #expect(signInRow.action == "auth.sign-in" && signInRow.actorIP == "127.0.0.1")
        #expect(signInRow.details.contains(SampleKeys.ed25519Fingerprint))
        let actor = try f.roster.auth.actor(forToken: signIn.token, ip: "127.0.0.1")
        _ = try f.roster.users.updateProfile(ana.id, ProfileChange(firstName: "Ana Maria"), by: actor)
        let edit = try f.lastAudit()
        #expect(edit.actorIP == "127.0.0.1" && edit.details.contains("\"sshKey\":\"\(SampleKeys.ed25519Fingerprint)\""))
        #expect(try f.roster.sshKeys.keys(of: ana.id, by: f.root).first?.lastUsedAt == f.clock.now)
    }

    @Test("removing a key ends the sessions it opened; deactivating the account refuses the next one", arguments: Backend.all)
    func removal(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let (ana, keyId) = try Self.withKey(f)
        let signIn = try f.roster.auth.signIn(sshKey: keyId, ip: "127.0.0.1", client: .console)
        _ = try f.roster.sshKeys.remove(keyId, by: f.root)
        #expect(try f.lastAudit().details.contains("\"sessionsEnded\":\"1\""))
        #expect(throws: RosterError.sessionEnded(.ended)) { try f.roster.auth.actor(forToken: signIn.token, ip: "127.0.0.1") }
        #expect(throws: RosterError.signInFailed) { try f.roster.auth.signIn(sshKey: keyId, ip: "127.0.0.1", client: .console) }
        let again = try #require(try f.roster.sshKeys.add(SampleKeys.ed25519, to: ana.id, by: f.root).id)
        _ = try f.roster.users.deactivate(ana.id, by: f.root)
        #expect(throws: RosterError.signInFailed) { try f.roster.auth.signIn(sshKey: again, ip: "127.0.0.1", client: .command) }
        #expect(try f.lastAudit().details.contains("unknown-ssh-key"), "deactivation removed the key with the account's other ways in")
    }

    @Test("IP rules apply to the address sshd reports", arguments: Backend.all)
    func ipRules(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let (ana, keyId) = try Self.withKey(f)
        _ = try f.roster.auth.addIPRule("203.0.113.0/24", for: ana.id, by: f.root)
        #expect(throws: RosterError.signInFailed) { try f.roster.auth.signIn(sshKey: keyId, ip: "127.0.0.1", client: .console) }
        _ = try f.roster.auth.signIn(sshKey: keyId, ip: "203.0.113.5", client: .console)
    }

    @Test("an account with MFA is asked for its code, and wrong codes count toward lockout", arguments: Backend.all)
    func mfa(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let (totp, _, actor) = try MFATests.enrolled(f, "ana@example.com")
        let ana = try #require(actor.userId)
        let keyId = try #require(try f.roster.sshKeys.add(SampleKeys.ed25519, to: ana, by: f.root).id)
        #expect(try f.roster.auth.sshSecondStep(forKey: keyId) == .code)
        #expect(throws: RosterError.mfaCodeRequired) { try f.roster.auth.signIn(sshKey: keyId, ip: "127.0.0.1", client: .console) }
        #expect(throws: RosterError.invalidCode) { try f.roster.auth.signIn(sshKey: keyId, code: "000000", ip: "127.0.0.1", client: .console) }
        #expect(try f.roster.users.find(String(ana.rawValue)).failedSignIns == 1)
        f.clock.advance(minutes: 1)
        let signIn = try f.roster.auth.signIn(sshKey: keyId, code: totp.code(at: f.clock.now), ip: "127.0.0.1", client: .console)
        #expect(signIn.user.failedSignIns == 0)
    }

    @Test("with ssh.key-alone off, an account without MFA gives its password too", arguments: Backend.all)
    func keyNotAlone(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let (_, keyId) = try Self.withKey(f)
        #expect(try f.roster.auth.sshSecondStep(forKey: keyId) == nil)
        try f.roster.settings.set(.sshKeyAlone, to: "false", by: f.root)
        #expect(try f.roster.auth.sshSecondStep(forKey: keyId) == .password)
        #expect(throws: RosterError.passwordRequired) { try f.roster.auth.signIn(sshKey: keyId, ip: "127.0.0.1", client: .console) }
        #expect(throws: RosterError.signInFailed) { try f.roster.auth.signIn(sshKey: keyId, password: "wrong", ip: "127.0.0.1", client: .console) }
        _ = try f.roster.auth.signIn(sshKey: keyId, password: "correct horse battery", ip: "127.0.0.1", client: .console)
    }

    @Test("resetting MFA, recovering or deactivating an account removes its SSH keys with its other ways in", arguments: Backend.all)
    func plantedKeysGo(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let (ana, keyId) = try Self.withKey(f)
        _ = try f.roster.mfa.reset(ana.id, by: f.root)
        #expect(try f.roster.sshKeys.keys(of: ana.id, by: f.root).isEmpty)
        #expect(try f.lastAudit().details.contains("\"sshKeysRemoved\":\"1\""))
        #expect(throws: RosterError.signInFailed) { try f.roster.auth.signIn(sshKey: keyId, ip: "127.0.0.1", client: .command) }
        _ = try f.roster.sshKeys.add(SampleKeys.ed25519, to: ana.id, by: f.root)
        _ = try f.roster.users.deactivate(ana.id, by: f.root)
        #expect(try f.roster.sshKeys.keys(of: ana.id, by: f.root).isEmpty)
    }

    @Test("service accounts never come in over SSH: they act through API keys", arguments: Backend.all)
    func serviceAccounts(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let bot = try f.user("bot@example.com", .standard, kind: .service)
        let keyId = try #require(try f.roster.sshKeys.add(SampleKeys.ed25519, to: bot.id, by: f.root).id)
        let fields = SampleKeys.ed25519.split(separator: " ").map(String.init)
        #expect(try f.roster.sshKeys.authorizedKey(type: fields[0], base64: fields[1]) == nil)
        #expect(throws: RosterError.signInFailed) { try f.roster.auth.signIn(sshKey: keyId, ip: "127.0.0.1", client: .command) }
    }
}

extension SSHKeyTests {
    @Test("a key alone doesn't confirm it's you: its session may edit a name, but adding another key asks for the password first", arguments: Backend.all)
    func keyAloneIsNotSudo(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let (ana, keyId) = try Self.withKey(f)
        let signIn = try f.roster.auth.signIn(sshKey: keyId, ip: "127.0.0.1", client: .command)
        let actor = try f.roster.auth.actor(forToken: signIn.token, ip: "127.0.0.1")
        _ = try f.roster.users.updateProfile(ana.id, ProfileChange(firstName: "Ana Maria"), by: actor)
        #expect(throws: Denial.reauthenticationRequired(minutes: 15)) { try f.roster.sshKeys.add(SampleKeys.ecdsa384, to: ana.id, by: actor) }
        #expect(try f.lastAudit().outcome == .denied)
        #expect(try f.roster.auth.confirmationDue(token: signIn.token) == .password)
        _ = try f.roster.auth.reauthenticate(token: signIn.token, password: "correct horse battery", code: nil, ip: "127.0.0.1")
        let confirmed = try f.roster.auth.actor(forToken: signIn.token, ip: "127.0.0.1")
        _ = try f.roster.sshKeys.add(SampleKeys.ecdsa384, to: ana.id, by: confirmed)
        #expect(try f.roster.sshKeys.keys(of: ana.id, by: f.root).count == 2)
    }

    @Test("one's own SSH key is a credential: a session past the sudo window is asked before adding it", arguments: Backend.all)
    func ownKeyNeedsRecentSignIn(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let ana = try f.user("ana@example.com", .standard)
        try f.roster.settings.set(.idleTimeoutMinutes, to: "0", by: f.root)
        let signIn = try f.roster.auth.signIn(email: "ana@example.com", password: "correct horse battery", ip: nil, client: "test")
        _ = try f.roster.sshKeys.add(SampleKeys.ed25519, to: ana.id, by: try f.roster.auth.actor(forToken: signIn.token, ip: nil))
        f.clock.advance(minutes: 16)
        let stale = try f.roster.auth.actor(forToken: signIn.token, ip: nil)
        #expect(throws: Denial.reauthenticationRequired(minutes: 15)) { try f.roster.sshKeys.add(SampleKeys.ecdsa384, to: ana.id, by: stale) }
    }
}
