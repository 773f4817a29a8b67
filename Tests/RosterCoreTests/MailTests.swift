import Foundation
import Synchronization
import Testing
@testable import RosterCore
import RosterTestSupport

/// A transport that records what it was given and fails while `failing` is set.
final class RecordingTransport: MailTransport {
    let sent = Mutex<[OutboxMessage]>([])
    let failing: Bool
    init(failing: Bool) { self.failing = failing }
    func send(_ message: OutboxMessage) throws {
        if failing { throw MailDeliveryError("connection refused") }
        sent.withLock { $0.append(message) }
    }
}

@Suite("Mail outbox", .serialized)
struct MailTests {
    static func queued(_ f: Fixture, count: Int = 2) throws {
        for i in 0..<count {
            let user = try f.user("u\(i)@example.com", .standard)
            _ = try f.roster.passwords.sendResetLink(user.id, by: f.root)
        }
    }

    @Test("a failing mailer loses nothing: messages wait with their error and go out once it works", arguments: Backend.all)
    func failThenSucceed(_ backend: Backend) throws {
        let f = try Fixture(backend)
        try Self.queued(f)
        let failed = try f.roster.mail.deliver(using: RecordingTransport(failing: true))
        #expect(failed == DeliveryReport(sent: 0, deferred: 2, gaveUp: 0))
        #expect(try f.roster.mail.recent().allSatisfy { $0.status == .queued && $0.attempts == 1 && $0.lastError == "connection refused" })
        let working = RecordingTransport(failing: false)
        #expect(try f.roster.mail.deliver(using: working).sent == 0, "not due yet: backoff")
        f.clock.advance(minutes: 1)
        #expect(try f.roster.mail.deliver(using: working) == DeliveryReport(sent: 2, deferred: 0, gaveUp: 0))
        #expect(working.sent.withLock { $0.count } == 2)
        #expect(try f.roster.mail.recent().allSatisfy { $0.status == .sent && $0.attempts == 2 && $0.lastError == nil })
    }

    @Test("after too many attempts a message is marked failed, kept, and can be retried", arguments: Backend.all)
    func givesUp(_ backend: Backend) throws {
        let f = try Fixture(backend)
        try Self.queued(f, count: 1)
        for _ in 0..<MailService.maximumAttempts {
            _ = try f.roster.mail.deliver(using: RecordingTransport(failing: true))
            f.clock.advance(minutes: 61)
        }
        let message = try #require(try f.roster.mail.recent().first)
        #expect(message.status == .failed && message.attempts == MailService.maximumAttempts)
        try f.roster.mail.retry(try #require(message.id), by: f.root)
        #expect(try f.roster.mail.deliver(using: RecordingTransport(failing: false)).sent == 1)
    }

    @Test("retrying mail goes by the operator's role now, not the one their session started with", arguments: Backend.all)
    func retryRechecksTheOperator(_ backend: Backend) throws {
        let f = try Fixture(backend)
        try Self.queued(f, count: 1)
        let message = try #require(try f.roster.mail.recent().first?.id)
        try f.user("keeper@example.com", .administrator)  // so the other one can be demoted
        let admin = try f.user("ops@example.com", .administrator)
        let actor = try f.actor(admin)
        _ = try f.roster.users.changeRole(admin.id, to: .accountsAdmin, by: f.root)
        #expect(throws: Denial.self) { try f.roster.mail.retry(message, by: actor) }
        #expect(try f.lastAudit().action == "mail.retry" && f.lastAudit().outcome != .success)
        _ = try f.roster.users.deactivate(admin.id, by: f.root)
        #expect(throws: Denial.actorUnavailable) { try f.roster.mail.retry(message, by: actor) }
    }

    @Test("backoff doubles from one minute up to an hour")
    func backoff() {
        #expect([1, 2, 3, 4, 7, 8].map(MailService.backoff(afterAttempt:)) == [60, 120, 240, 480, 3600, 3600])
    }

    static func script(_ body: String) throws -> String {
        let path = try Scratch.folder("fake-sendmail") + "/sendmail"
        try ("#!/bin/sh\n" + body + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        // Run through sh rather than exec'd: a file just written can't be exec'd while a process
        // forked meanwhile by a parallel test still holds it open for writing (ETXTBSY).
        return "/bin/sh " + path
    }

    @Test("the sendmail transport hands the message to the command on standard input")
    func sendmailReceives() throws {
        let captured = try Scratch.folder("captured") + "/message"
        let fake = try Self.script("echo \"$@\" > \(captured).args; cat > \(captured)")
        let message = OutboxMessage(recipient: "mei@example.com", subject: "Hello", body: "Line one", at: Date())
        try SendmailTransport(command: "\(fake) -t -i").send(message)
        #expect(try String(contentsOfFile: captured, encoding: .utf8) == "To: mei@example.com\nSubject: Hello\nContent-Type: text/plain; charset=utf-8\n\nLine one\n")
        #expect(try String(contentsOfFile: captured + ".args", encoding: .utf8) == "-t -i\n")
    }

    @Test("a failing, missing or hanging mailer gives a clear error", arguments: ["fails", "missing", "hangs"])
    func sendmailFailures(kind: String) throws {
        let message = OutboxMessage(recipient: "mei@example.com", subject: "Hello", body: "Body", at: Date())
        let command: String = switch kind {
        case "fails": try Self.script("cat > /dev/null; echo 'relay denied' >&2; exit 75")
        case "missing": "/nonexistent/sendmail -t"
        default: try Self.script("sleep 30")
        }
        do {
            try SendmailTransport(command: command, timeout: 1).send(message)
            Issue.record("expected a delivery error")
        } catch let error as MailDeliveryError {
            switch kind {
            case "fails": #expect(error.description.contains("exited with status 75: relay denied"))
            case "missing": #expect(error.description.contains("not found"))
            default: #expect(error.description.contains("did not finish within 1 s"))
            }
        }
    }
}
