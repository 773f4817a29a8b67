/// People for the demo database: names in many scripts, each with an ASCII slug for the email.
enum DemoNames {
    static let first: [(String, String)] = [
        ("Ana", "ana"), ("João", "joao"), ("Mei", "mei"), ("Hiroshi", "hiroshi"), ("伟", "wei"), ("秀英", "xiuying"),
        ("Zoë", "zoe"), ("Søren", "soren"), ("Łukasz", "lukasz"), ("Ngozi", "ngozi"), ("Aarav", "aarav"), ("Priya", "priya"),
        ("فاطمة", "fatima"), ("محمد", "mohammed"), ("Yusuf", "yusuf"), ("Дмитрий", "dmitry"), ("Ольга", "olga"),
        ("Σοφία", "sofia"), ("נועה", "noa"), ("Chloé", "chloe"), ("José", "jose"), ("François", "francois"),
        ("Ingrid", "ingrid"), ("Kwame", "kwame"), ("Thảo", "thao"), ("민준", "minjun"), ("Björn", "bjorn"),
        ("Émilie", "emilie"), ("Mateus", "mateus"), ("Camila", "camila"), ("Santiago", "santiago"), ("Liam", "liam"),
        ("Olivia", "olivia"), ("Noah", "noah"), ("Emma", "emma"), ("Ali", "ali"), ("Sara", "sara"), ("Lars", "lars"),
        ("Anja", "anja"), ("Chidi", "chidi"), ("Ayşe", "ayse"), ("Mehmet", "mehmet"), ("Siobhán", "siobhan"),
        ("Eoin", "eoin"), ("Kalani", "kalani"), ("Aiyana", "aiyana"), ("Ravi", "ravi"), ("Ananya", "ananya"),
        ("さくら", "sakura"), ("Rafael", "rafael"), ("Beatriz", "beatriz"), ("Tomás", "tomas"), ("Zsófia", "zsofia"),
    ]

    static let last: [(String, String)] = [
        ("Souza", "souza"), ("Tanaka", "tanaka"), ("Silva", "silva"), ("Müller", "muller"), ("García", "garcia"),
        ("Nguyễn", "nguyen"), ("Kim", "kim"), ("王", "wang"), ("李", "li"), ("Öztürk", "ozturk"), ("Kowalski", "kowalski"),
        ("Иванова", "ivanova"), ("Okafor", "okafor"), ("Patel", "patel"), ("حداد", "haddad"), ("כהן", "cohen"),
        ("Dubois", "dubois"), ("Rossi", "rossi"), ("Hansen", "hansen"), ("山本", "yamamoto"), ("Papadopoulos", "papadopoulos"),
        ("O'Brien", "obrien"), ("van der Berg", "vanderberg"), ("佐藤", "sato"), ("Mensah", "mensah"), ("Fernández", "fernandez"),
        ("Johansson", "johansson"), ("Novák", "novak"), ("Schmidt", "schmidt"), ("Costa", "costa"), ("Sharma", "sharma"),
        ("Yılmaz", "yilmaz"), ("Kaur", "kaur"), ("Lefèvre", "lefevre"), ("Nakamura", "nakamura"), ("Park", "park"),
        ("Adeyemi", "adeyemi"), ("Andersen", "andersen"), ("Romero", "romero"), ("Chen", "chen"), ("Ahmed", "ahmed"),
    ]

    /// Names that try to break the screen: they must show as visible escapes, never act.
    static let hostile: [(first: String, last: String, slug: String)] = [
        ("\u{1b}[31mRed", "Alert\u{1b}[0m", "hostile.escape"),
        ("Evil", "\u{202e}gnp.exe", "hostile.bidi"),
        ("Zero\u{200b}Width", "Joiner\u{200d}", "hostile.zerowidth"),
        ("Bell\u{07}", "Ringer\u{08}\u{08}", "hostile.bell"),
        ("\u{1b}]0;pwned\u{07}Title", "Setter", "hostile.osc"),
        ("Ｆｕｌｌ", "Ｗｉｄｔｈ", "hostile.fullwidth"),
        ("Combining", "Ze\u{301}\u{302}\u{303}\u{304}", "hostile.combining"),
        (String(repeating: "Bartholomew-", count: 8), "Longname", "hostile.long"),
    ]

    static let orgs = [
        "Acme Operations", "Globex Finance", "Initech Support", "Umbrella Research", "Stark Logistics", "Wayne Security",
        "Tyrell Labs", "Cyberdyne Platform", "Soylent Kitchens", "Hooli Search", "Pied Piper", "Vandelay Imports",
        "株式会社サンプル", "Östra Hamnen AB", "Société Générale Démo", "Muster GmbH", "Ejemplo S.A.", "示例科技",
        "Пример Групп", "مثال للتقنية", "Helpdesk Tier 1", "Helpdesk Tier 2", "Contractors", "Auditors",
    ]
}
