import Chess
import Dispatch
import Locking

/// One UCI conversation: parses GUI commands, keeps the position, runs searches on a background
/// queue so `stop`, `isready` and `quit` are answered while the engine thinks.
final class UCISession: @unchecked Sendable {
    private var search = Search(hashMegabytes: 32)
    private let searchQueue = DispatchQueue(label: "kibitz.chess.search")
    private let searching = DispatchGroup()
    /// Held while one line is written, so that lines from the search queue and the input loop never interleave.
    private let output = Locked(())
    private var game = Game()
    private var level = 10
    /// Set while a `go infinite` (or ponder) search may not report `bestmove` until `stop` arrives.
    private let holdBestMove = Locked(false)
    private let released = DispatchSemaphore(value: 0)

    /// Writes one protocol line and flushes, so a piped GUI sees it at once.
    func send(_ line: String) {
        output.withLock { _ in writeLineToStandardOutput(line) }
    }

    /// Handles one line from the GUI; returns false on `quit`.
    func handle(_ line: String) -> Bool {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let command = words.first else { return true }
        switch command {
        case "uci":
            send("id name Kibitz")
            send("id author the Kibitz authors")
            send("option name Skill Level type spin default 10 min 1 max 10")
            send("option name Hash type spin default 32 min 1 max 1024")
            send("uciok")
        case "isready":
            send("readyok")
        case "ucinewgame":
            waitForSearch()
            search.clear()
            game = Game()
        case "setoption":
            setOption(words)
        case "position":
            waitForSearch()
            setPosition(words)
        case "go":
            waitForSearch()
            go(words)
        case "stop":
            stopSearch()
        case "ponderhit":
            break
        case "quit":
            stopSearch()
            return false
        case "d":
            send("info string fen \(game.position.fen)")
        default:
            send("info string unknown command: \(line)")
        }
        return true
    }

    /// Stops a running search and waits until it has printed its `bestmove`.
    func stopSearch() {
        search.stop()
        let held = holdBestMove.withLock { hold in
            let held = hold
            hold = false
            return held
        }
        if held { released.signal() }
        searching.wait()
    }

    private func waitForSearch() {
        let held = holdBestMove.withLock { $0 }
        // A held infinite search only ends with `stop`; anything else waits for a normal one to finish.
        if held { stopSearch() } else { searching.wait() }
    }

    private func setOption(_ words: [String]) {
        guard let nameIndex = words.firstIndex(of: "name") else { return }
        let valueIndex = words.firstIndex(of: "value") ?? words.count
        let name = words[(nameIndex + 1)..<valueIndex].joined(separator: " ").lowercased()
        let value = valueIndex < words.count ? words[(valueIndex + 1)...].joined(separator: " ") : ""
        switch name {
        case "skill level", "level":
            guard let number = Int(value), (1...10).contains(number) else {
                send("info string Skill Level must be 1 to 10, got '\(value)'")
                return
            }
            level = number
        case "hash":
            guard let megabytes = Int(value), (1...1024).contains(megabytes) else {
                send("info string Hash must be 1 to 1024 MB, got '\(value)'")
                return
            }
            waitForSearch()
            search = Search(hashMegabytes: megabytes)
        case "uci_elo", "uci_limitstrength", "ponder", "threads":
            break  // Accepted for GUI compatibility; not used.
        default:
            send("info string unknown option: \(name)")
        }
    }

    private func setPosition(_ words: [String]) {
        let movesIndex = words.firstIndex(of: "moves") ?? words.count
        var start = Position()
        if words.count > 1 && words[1] == "fen" {
            do {
                start = try Position(fen: words[2..<movesIndex].joined(separator: " "))
            } catch {
                send("info string \(error.description)")
                return
            }
        } else if words.count < 2 || words[1] != "startpos" {
            send("info string position needs 'startpos' or 'fen'")
            return
        }
        var next = Game(startingPosition: start)
        next.endsOnClaimableDraws = false
        for text in words.dropFirst(movesIndex + 1) {
            guard let move = next.position.move(uci: text) else {
                send("info string illegal move \(text) in \(next.position.fen); ignoring the rest")
                break
            }
            do { try next.play(move) } catch { break }
        }
        game = next
    }

    private func go(_ words: [String]) {
        var limits = SearchLimits()
        var index = 1
        func number() -> Int? {
            index += 1
            return index < words.count ? Int(words[index]) : nil
        }
        while index < words.count {
            switch words[index] {
            case "wtime": limits.whiteTime = number().map { .milliseconds(max($0, 0)) }
            case "btime": limits.blackTime = number().map { .milliseconds(max($0, 0)) }
            case "winc": limits.whiteIncrement = number().map { .milliseconds(max($0, 0)) }
            case "binc": limits.blackIncrement = number().map { .milliseconds(max($0, 0)) }
            case "movestogo": limits.movesToGo = number()
            case "movetime": limits.moveTime = number().map { .milliseconds(max($0, 0)) }
            case "depth": limits.depth = number()
            case "nodes": limits.nodes = number()
            case "infinite", "ponder": limits.infinite = true
            default: break
            }
            index += 1
        }
        let game = self.game
        let level = self.level
        let finalLimits = limits
        let engine = search
        search.stopSignal.reset()
        holdBestMove.withLock { $0 = limits.infinite }
        searching.enter()
        searchQueue.async { [self] in
            let result = engine.search(game, limits: finalLimits, level: level) { info in
                var line = "info depth \(info.depth) seldepth \(info.selectiveDepth) score \(info.score.uci)"
                line += " nodes \(info.nodes) nps \(info.nodesPerSecond)"
                line +=
                    " time \(info.elapsed.components.seconds * 1000 + info.elapsed.components.attoseconds / 1_000_000_000_000_000)"
                if !info.principalVariation.isEmpty {
                    line += " pv " + info.principalVariation.map(\.uci).joined(separator: " ")
                }
                self.send(line)
            }
            let mustHold = holdBestMove.withLock { $0 }
            if mustHold { released.wait() }
            if let best = result.bestMove {
                send("bestmove \(best.uci)" + (result.ponderMove.map { " ponder \($0.uci)" } ?? ""))
            } else {
                send("bestmove 0000")
            }
            searching.leave()
        }
    }
}
