import ArgumentParser
import RosterCore

struct SettingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings", abstract: "Show or change system settings (administrators only).",
        subcommands: [ListSettings.self, SetSetting.self])
}

struct ListSettings: RosterCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Show every setting and its value.")
    @OptionGroup var database: DatabaseOptions

    func execute() throws {
        let context = try Context(database)
        let settings = try context.roster.settings.current(by: try context.actor())
        Output.table(["SETTING", "VALUE", "MEANING"], SettingKey.allCases.map { [$0.rawValue, $0.value(in: settings), $0.summary] },
                     maxColumnWidth: 60)
    }
}

struct SetSetting: RosterCommand {
    static let configuration = CommandConfiguration(commandName: "set", abstract: "Change one setting.")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "Setting name, as `roster settings list` shows it.") var key: String
    @Argument(help: "New value.") var value: String

    func execute() throws {
        let key = try SettingKey(name: key)
        let context = try Context(database)
        let settings = try context.roster.settings.set(key, to: value, by: try context.actor())
        Output.line("\(key.rawValue) = \(key.value(in: settings))")
    }
}
