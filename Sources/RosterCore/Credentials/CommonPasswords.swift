/// Passwords too common to allow (NIST SP 800-63B 5.1.1.2: "values known to be commonly-used").
///
/// Compiled for Roster by hand from the passwords that top published breach-frequency
/// rankings year after year (the UK NCSC's 2019 "most hacked passwords" analysis of Have I Been
/// Pwned data, and the annual SplashData and NordPass lists), kept to those of 8 or more
/// characters since shorter ones already fail the length rule, plus their obvious keyboard-walk
/// and year/number variants. Compared after NFKC and lowercasing.
enum CommonPasswords {
    static let list: Set<String> = [
        "12345678", "123456789", "1234567890", "12345678910", "123123123", "123456123", "123412341234",
        "987654321", "9876543210", "11111111", "111111111", "1111111111", "00000000", "000000000",
        "0000000000", "88888888", "66666666", "12341234", "11223344", "112233445566", "123321123",
        "147258369", "159357456", "1q2w3e4r", "1q2w3e4r5t", "1q2w3e4r5t6y", "1qaz2wsx", "1qaz2wsx3edc",
        "zaq12wsx", "zaq1zaq1", "qazwsxedc", "qazwsxedcrfv", "qwertyui", "qwertyuiop", "qwerty123",
        "qwerty1234", "qwerty12345", "qwertyuiop123", "qwer1234", "asdfghjkl", "asdfasdf", "asdf1234",
        "zxcvbnm1", "zxcvbnm123", "1234qwer", "123qweasd", "123qweasdzxc", "qweasdzxc", "q1w2e3r4",
        "q1w2e3r4t5", "a1b2c3d4", "abcd1234", "abc12345", "abc123456", "abcdefgh", "abcdefg123",
        "password", "password1", "password12", "password123", "password1234", "password12345",
        "password!", "password1!", "passw0rd", "p@ssw0rd", "p@ssword", "pa$$word", "passwort",
        "motdepasse", "contraseña", "contrasena", "senha123", "parola123", "wachtwoord", "hasło123",
        "letmein1", "letmein123", "welcome1", "welcome123", "welcome2024", "welcome2025", "welcome2026",
        "iloveyou", "iloveyou1", "iloveyou2", "iloveyou123", "loveyou1", "sunshine", "sunshine1",
        "princess", "princess1", "football", "football1", "baseball", "basketball", "superman",
        "batman123", "starwars", "starwars1", "trustno1", "whatever", "whatever1", "computer",
        "computer1", "internet", "michelle", "jennifer", "jessica1", "charlie1", "michael1",
        "password2", "changeme", "changeme1", "changeme123", "default1", "administrator", "admin123",
        "admin1234", "admin12345", "adminadmin", "administrator1", "root1234", "rootroot", "toor1234",
        "test1234", "test12345", "testtest", "testing1", "testing123", "temp1234", "temporary",
        "guest123", "user1234", "username", "login123", "secret123", "mypassword", "mypassword1",
        "newpassword", "newpass1", "pass1234", "pass12345", "passpass", "master123", "mustang1",
        "shadow123", "dragon123", "monkey123", "liverpool", "liverpool1", "chelsea1", "arsenal1",
        "manchester", "blink182", "pokemon1", "minecraft", "minecraft1", "fortnite", "playstation",
        "spiderman", "naruto123", "butterfly", "chocolate", "elephant", "sweetheart", "princesa",
        "babygirl1", "lovely123", "samsung1", "samsung123", "google123", "facebook", "facebook1",
        "linkedin", "microsoft", "apple123", "iphone123", "nintendo", "superstar", "rockstar",
        "hello123", "hellohello", "helloworld", "goodluck", "freedom1", "qwerty12", "password01",
        "summer2024", "summer2025", "summer2026", "winter2024", "winter2025", "winter2026",
        "spring2025", "spring2026", "autumn2025", "autumn2026", "january2026", "november2026",
        "december2026", "company123", "company2026", "office365", "office2026", "corporate",
        "security1", "security123", "letmein!", "access14", "accessdenied", "open1234", "opensesame",
        "aaaaaaaa", "aaaaaaaaaa", "abcabcabc", "qqqqqqqq", "zzzzzzzz", "xxxxxxxx", "asdfghjk",
        "1234abcd", "12qwaszx", "1234asdf", "qwertz123", "azerty123", "azertyuiop",
        "correcthorsebatterystaple", "correct horse battery staple", "thequickbrownfox",
        "iloveyou!", "ihateyou", "fuckyou1", "jesus123", "blessed1", "michael123", "daniel123",
    ]
}
