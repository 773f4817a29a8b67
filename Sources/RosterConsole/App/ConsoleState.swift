import Foundation
import RosterCore
import RosterTerminal

/// The whole console: which screen, what it holds, and the terminal's size.
public struct ConsoleState: Equatable, Sendable {
    public enum Screen: Equatable, Sendable {
        case signIn(SignInState)
        case users(UsersState)
        case step(StepState)
        /// A feature screen (`ScreenFeature`): orgs, audit, outbox, settings, about, and the ones to come.
        case feature(FeatureValue)

        /// Which main screen this is (nil: sign-in and pending steps).
        public var id: ScreenID? {
            switch self {
            case .users: .users
            case .feature(let value): value.screen
            case .signIn, .step: nil
            }
        }
    }

    public var size: Size
    public var screen: Screen
    public var showingHelp = false
    /// The help's page, when it takes more than one.
    public var helpPage = 0
    /// The `:` command palette, over the screen it was opened on.
    public var palette: PaletteState?
    /// The zone dates are shown and typed in (the runtime sets the operator's).
    public var timeZone = ZoneRules.utc
    /// Main screens left with Tab, kept as they were to come back to.
    public var parked: [ScreenID: Screen] = [:]
    /// A sensitive action waiting for the operator to confirm it's them (sudo mode).
    public var reauth: ReauthState?
    public var quitting = false
    /// Who is signed in, once someone is.
    public var signedIn: Operator?
    /// Draw with ASCII only (C locale).
    public var ascii = false
    /// The console belongs to one sign-in (over SSH, where the key chose the account): when
    /// the session ends the console closes, instead of offering to sign in as someone else.
    public var closesWithSession = false
    /// Why the console closed, printed after the terminal is restored.
    public var farewell: String?
    /// The database's change counter when last looked at (`Effect.checkChanges`).
    public var dataVersion: Int?
    /// `roster --read-only`: every change is off, and the title bar says so.
    public var readOnly = false

    public init(size: Size, screen: Screen, ascii: Bool = false) {
        self.size = size
        self.screen = screen
        self.ascii = ascii
    }

    /// Below this the layout can't work; a message says so instead.
    public static let minimumSize = Size(width: 60, height: 16)

    public var isTooSmall: Bool {
        size.width < Self.minimumSize.width || size.height < Self.minimumSize.height
    }

    /// Rows of the users table that fit: everything but the title, header, status and footer lines.
    public var visibleRows: Int { max(1, size.height - 4) }
}
