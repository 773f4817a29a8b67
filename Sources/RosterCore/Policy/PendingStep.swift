/// Something an account must do before anything else. Both front ends ask `Policy` the same
/// question, so the console and the CLI gate alike.
public enum PendingStep: String, Sendable, Equatable, Codable, CaseIterable {
    case changePassword = "change-password"
    case enrollMFA = "enroll-mfa"
    case acceptTerms = "accept-terms"

    /// What to do, in words for the person.
    public var instruction: String {
        switch self {
        case .changePassword: "Your password must be changed before anything else: run `roster passwd`, or sign in to the console."
        case .enrollMFA: "You must set up MFA before anything else: run `roster mfa enroll`, or sign in to the console."
        case .acceptTerms: "You must accept the terms of service before anything else: run `roster terms show`, then `roster terms accept`."
        }
    }
}

/// What the pending-steps rule needs to know about an account, read in one place.
public struct PendingStepFacts: Sendable, Equatable {
    public var kind: AccountKind
    public var hasPassword: Bool
    public var passwordChangeRequired: Bool
    public var mfaEnabled: Bool
    /// Required for this account, by an administrator, one of its orgs, or the system.
    public var mfaRequired: Bool
    public var termsAcceptanceRequired: Bool
    public var termsAccepted: Bool
    /// An administrator has set the terms' text; without it there is nothing to accept.
    public var termsSet: Bool

    public init(kind: AccountKind, hasPassword: Bool, passwordChangeRequired: Bool, mfaEnabled: Bool, mfaRequired: Bool,
                termsAcceptanceRequired: Bool, termsAccepted: Bool, termsSet: Bool) {
        self.kind = kind
        self.hasPassword = hasPassword
        self.passwordChangeRequired = passwordChangeRequired
        self.mfaEnabled = mfaEnabled
        self.mfaRequired = mfaRequired
        self.termsAcceptanceRequired = termsAcceptanceRequired
        self.termsAccepted = termsAccepted
        self.termsSet = termsSet
    }
}

extension Policy {
    /// The steps an account must take first, in the order it takes them. API service accounts
    /// have no password, can't scan a QR code and accept no terms: nothing gates them.
    public static func pendingSteps(_ facts: PendingStepFacts) -> [PendingStep] {
        guard facts.kind != .service else { return [] }
        var steps: [PendingStep] = []
        if facts.passwordChangeRequired, facts.hasPassword { steps.append(.changePassword) }
        if facts.mfaRequired, !facts.mfaEnabled { steps.append(.enrollMFA) }
        if facts.termsAcceptanceRequired, !facts.termsAccepted, facts.termsSet { steps.append(.acceptTerms) }
        return steps
    }

    /// An account with steps pending may take only those steps, in any order (and sign out);
    /// everything else is refused naming the first. `taking` is the step the call completes,
    /// nil for any other call.
    public static func checkPending(_ steps: [PendingStep], taking: PendingStep?) -> Denial? {
        guard let first = steps.first else { return nil }
        if let taking, steps.contains(taking) { return nil }
        return .pendingStep(first)
    }
}
