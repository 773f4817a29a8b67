import ArgumentParser
import RosterCore

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
