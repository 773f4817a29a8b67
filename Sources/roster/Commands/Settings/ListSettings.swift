import ArgumentParser
import RosterCore

struct ListSettings: RosterCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Show every setting and its value.")
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    struct SettingJSON: Encodable {
        var setting, value, meaning: String
    }

    func execute() throws {
        let context = try Context(database)
        let settings = try context.roster.settings.current(by: try context.actor())
        try output.print(columns: ["SETTING", "VALUE", "MEANING"], rows: SettingKey.allCases.map { [$0.rawValue, $0.value(in: settings), $0.summary] },
                         json: SettingKey.allCases.map { SettingJSON(setting: $0.rawValue, value: $0.value(in: settings), meaning: $0.summary) },
                         maxColumnWidth: 60)
    }
}
