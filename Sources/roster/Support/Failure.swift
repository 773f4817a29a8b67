import ArgumentParser
import RosterCore

/// Turns a thrown error into one clear line on stderr and an exit code scripts can branch on.
///
/// Exit codes: 1 error, 2 usage (ArgumentParser), 3 denied by policy, 4 not signed in or sign-in failed,
/// 5 changed by someone else, 6 not found, 7 filed for a second person's approval (not done yet).
enum Failure {
    static func report(_ error: any Error) -> ExitCode {
        switch error {
        case Denial.pendingStep(let step):
            // Signed in, but not yet allowed to act: as for not being signed in.
            Output.error(step.instruction)
            return ExitCode(4)
        case Denial.awaitingApproval:
            // Not refused and not done: a script must not take it for either.
            Output.error((error as? Denial)?.message ?? "")
            return ExitCode(7)
        case Denial.reauthenticationRequired:
            // Signed in, but must confirm it's them: an authentication matter, as for signing in.
            Output.error((error as? Denial)?.message ?? "")
            return ExitCode(4)
        case let denial as Denial:
            Output.error("denied: " + denial.message)
            return ExitCode(3)
        case let error as RosterError:
            Output.error(error.message)
            switch error {
            case .notSignedIn, .sessionExpired, .signInFailed, .mfaCodeRequired, .passwordRequired, .invalidCode, .apiKeyInvalid,
                 .tokenInvalid, .sessionEnded, .wrongCurrentPassword: return ExitCode(4)
            case .changedBySomeoneElse: return ExitCode(5)
            case .userNotFound, .orgNotFound, .groupNotFound, .sessionNotFound, .notFound: return ExitCode(6)
            case .unchanged: return .success
            default: return .failure
            }
        case let error as CLIError:
            Output.error(error.message)
            return ExitCode(error.exitCode)
        case let error as SSHSignInNeedsTerminal:
            Output.error(error.message)
            return ExitCode(4)
        case let error as SSHConfirmationNeedsTerminal:
            Output.error(error.message)
            return ExitCode(4)
        case let error as HumanReadableError:
            Output.error(error.message)
            return .failure
        case let exit as ExitCode:
            return exit
        default:
            Output.error("unexpected error: \(error.localizedDescription)")
            return .failure
        }
    }
}

/// A command whose body may throw domain errors; `run` reports them as one line and an exit code.
protocol RosterCommand: ParsableCommand {
    func execute() throws
}

extension RosterCommand {
    func run() throws {
        do {
            try execute()
        } catch let denial as Denial where RemoteSession.isActive && denial.asksToConfirm {
            // Over SSH the session asks on the terminal and runs the command again.
            throw denial
        } catch let error where !(error is CleanExit) {
            let code = Failure.report(error)
            if code != .success { throw code }
        }
    }
}
