// The sanitizer lives in RosterText, below the domain too, so mail built from data uses the
// same one; everything that draws or prints keeps reaching it through RosterTerminal.
@_exported import RosterText
