import Foundation
@testable import RosterConsole
import RosterCore
import RosterTerminal
import Testing

@Suite("The settings screen", .serialized)
struct SettingsConsoleTests {
    func settings(_ h: Harness) -> SettingsState? {
        h.state.shown(SettingsFeature.self)
    }

    func select(_ key: SettingKey, _ h: inout Harness) {
        while let current = settings(h)?.selectedRow?.key, current != key, settings(h)?.selected ?? 0 < SettingKey.allCases.count - 1 {
            h.press("j")
        }
    }

    @Test("5 lists every setting with its value and meaning")
    func lists() throws {
        var h = try Harness()
        h.press("5")
        let rows = try #require(settings(h)?.rows)
        #expect(rows.map(\.key) == SettingKey.allCases)
        #expect(rows.first { $0.key == .reauthenticateMinutes }?.value == "15")
    }

    @Test("a change is checked as typed by the service's own rules, confirmed, saved and audited")
    func changeOne() throws {
        var h = try Harness()
        try h.approvalsOff()
        h.press("5")
        select(.passwordMinimumLength, &h)
        h.press(.enter)
        #expect(settings(h)?.form?.text("value") == "12")
        h.press(.control("u"))
        h.type("7")
        #expect(settings(h)?.form?.fields.first?.problem?.contains("8 to 256") == true, "\(String(describing: settings(h)?.form?.fields.first?.problem))")
        h.press(.enter)
        #expect(settings(h)?.dialog == nil, "nothing sent while the value is wrong")
        h.press(.backspace)
        h.type("14")
        h.press(.enter)
        let dialog = try #require(settings(h)?.dialog)
        #expect(dialog.message.first == "Change password.min-length from 12 to 14?")
        h.press(.tab, .enter)
        #expect(settings(h)?.notice == "password.min-length is now 14.")
        #expect(settings(h)?.rows.first { $0.key == .passwordMinimumLength }?.value == "14")
        #expect(try h.roster.audit.recent(limit: 1, by: .system("test")).first?.action == "settings.set")
    }

    @Test("true-or-false settings are chosen with ←/→, not typed")
    func booleans() throws {
        var h = try Harness()
        h.press("5")
        select(.mfaRequired, &h)
        h.press(.enter, .right, .enter)
        #expect(settings(h)?.dialog?.message.first == "Change mfa.required from false to true?")
    }

    @Test("past the sudo window a settings change asks the operator to confirm it's them first")
    func asksToConfirm() throws {
        var h = try Harness()
        h.press("5")
        select(.lockoutThreshold, &h)
        h.clock.advance(minutes: 20)
        h.press(.enter, .control("u"))
        h.type("6")
        h.press(.enter, .tab, .enter)
        #expect(h.state.reauth != nil)
        h.press(.escape)
        #expect(settings(h)?.notice == "Not confirmed; nothing was changed.")
        #expect(settings(h)?.saving == false)
    }

    @Test("only administrators may change settings: for others the key is dim and says why")
    func othersRefused() {
        #expect(SettingsReducer.refusal(.operationsAdmin, readOnly: false) == Denial.administratorsOnly("change system settings").message)
        #expect(SettingsReducer.refusal(.administrator, readOnly: false) == nil)
        var state = SettingsState()
        state.rows = [.init(key: .lockoutThreshold, value: "10")]
        _ = SettingsReducer.reduce(&state, key: .enter, role: .operationsAdmin, readOnly: false)
        #expect(state.form == nil && state.noticeRefused)
    }

    @Test("screens: the settings at 80x24 and 120x40")
    func goldens() throws {
        for size in [Size(width: 80, height: 24), Size(width: 120, height: 40)] {
            var h = try Harness(size: size)
            h.press("5")
            try assertGolden(h.screen().text, named: "settings-\(size.width)x\(size.height)")
        }
    }
}
