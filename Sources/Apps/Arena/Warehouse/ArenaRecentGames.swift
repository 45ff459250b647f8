/// The tokens of the last games a partition wrote, oldest forgotten first, so that a game the
/// server publishes a second time is recognised without keeping every token ever seen.
struct ArenaRecentGames {
    let capacity: Int
    private var members: Set<String> = []
    private var order: [String] = []
    private var oldest = 0

    init(capacity: Int) {
        precondition(capacity > 0, "a memory of games must hold at least one")
        self.capacity = capacity
    }

    func contains(_ token: String) -> Bool {
        members.contains(token)
    }

    mutating func insert(_ token: String) {
        guard members.insert(token).inserted else { return }
        if order.count < capacity {
            order.append(token)
        } else {
            members.remove(order[oldest])
            order[oldest] = token
            oldest = (oldest + 1) % capacity
        }
    }
}
