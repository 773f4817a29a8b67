import ArgumentParser
import RosterCore

struct SettingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings", abstract: "Show or change system settings (administrators only).",
        subcommands: [ListSettings.self, SetSetting.self])
}
