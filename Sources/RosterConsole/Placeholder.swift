// RosterConsole
