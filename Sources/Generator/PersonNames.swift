/// First and last names for the generated staff (ASCII, no commas), combined in a seeded
/// shuffled order so each person gets a distinct `First Last`.
enum PersonNames {
    static let first = [
        "Maria", "James", "Aiko", "Lukas", "Priya", "Omar", "Sofia", "Chen", "Elena", "David",
        "Fatima", "Noah", "Ingrid", "Mateo", "Grace", "Kenji", "Amara", "Pierre", "Hannah", "Ravi",
        "Lucia", "Ethan", "Yuki", "Jonas", "Aisha", "Marco", "Olivia", "Wei", "Nadia", "Samuel",
        "Clara", "Arjun", "Emma", "Tomasz", "Leila", "Daniel", "Mei", "Felix", "Zara", "Hugo",
        "Anna", "Carlos", "Sara", "Kwame", "Julia", "Ivan", "Chloe", "Hiroshi", "Nora", "Diego",
        "Laura", "Ahmed", "Freya", "Luca", "Esther", "Raj", "Mila", "Oscar", "Ines", "Tariq",
        "Alice", "Bruno", "Keiko", "Victor",
    ]
    static let last = [
        "Rossi", "Smith", "Tanaka", "Muller", "Sharma", "Haddad", "Garcia", "Wang", "Petrova", "Cohen",
        "Khan", "Johnson", "Larsen", "Fernandez", "Okafor", "Sato", "Nguyen", "Dubois", "Schmidt", "Patel",
        "Romano", "Brown", "Kim", "Nowak", "Hassan", "Bianchi", "Wilson", "Li", "Ivanova", "Mensah",
        "Weber", "Iyer", "Taylor", "Kowalski", "Rahman", "Martin", "Chen", "Fischer", "Ali", "Moreau",
        "Jansen", "Lopez", "Berg", "Owusu", "Meyer", "Popescu", "Clarke", "Yamamoto", "Lindqvist", "Silva",
        "Costa", "Mahmoud", "Novak", "Greco", "Levi", "Kapoor", "Horvat", "Eriksen", "Santos", "Aziz",
        "Murphy", "Becker", "Ito", "Duarte",
    ]

    /// `count` distinct names in a seeded order; beyond the 4 096 combinations a number is appended.
    static func names(count: Int, rng: inout RandomSource) -> [String] {
        let combos = first.count * last.count
        var order = Array(0..<combos)
        for i in stride(from: combos - 1, to: 0, by: -1) { order.swapAt(i, rng.int(below: i + 1)) }
        return (0..<count).map { i in
            let k = order[i % combos]
            let base = first[k / last.count] + " " + last[k % last.count]
            return i < combos ? base : base + " \(i / combos + 1)"
        }
    }
}
