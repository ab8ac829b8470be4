import Foundation
import Testing

@testable import Notebook

/// Text placed in a gnuplot script is data, never code. These run gnuplot itself (5.4 here),
/// because what it substitutes and where is its behaviour, not ours.
@Suite(.enabled(if: Gnuplot.executable != nil, "gnuplot is not installed"))
struct ScriptInjectionTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("tailor-gnuplot-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// What gnuplot reads `literal(text)` as: it prints the string back on standard output.
    func readBack(_ text: String) throws -> String {
        let output = try Gnuplot.run(script: "set print '-'\nprint \(Gnuplot.literal(text))\n", in: directory)
        return String(output.dropLast())  // print ends with a newline
    }

    /// The example of issue 9: a title with a backtick command, drawn for real.
    @Test func aBacktickTitleDrawsAndRunsNothing() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let witness = directory.appendingPathComponent("pwned")
        var figure = Figure(
            "f", title: "loss `touch \(witness.path)`", xLabel: "`touch \(witness.path)`",
            yLabel: "y")
        figure.add(Series("`touch \(witness.path)`", x: [0.0, 1], y: [1.0, 2]))
        figure.xTickLabels = ["`touch \(witness.path)`", "b"]
        let script = Gnuplot.script(for: figure, dataFile: "f.dat", pngFile: "f.png")
        try Gnuplot.dataText(for: figure).write(
            to: directory.appendingPathComponent("f.dat"), atomically: true,
            encoding: .utf8)
        _ = try Gnuplot.run(script: script, in: directory)
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("f.png").path))
        #expect(!FileManager.default.fileExists(atPath: witness.path), "a backtick in a figure's text ran a command")
    }

    /// gnuplot misreads a doubled quote next to another, so quotes are glued in as constants.
    @Test func quotesAreGluedNotDoubled() {
        #expect(Gnuplot.literal("it's") == #"'it'."'".'s'"#)
        #expect(Gnuplot.literal("plain") == "'plain'")
    }

    /// Why single quotes: the same text in double quotes does run the command in gnuplot 5.4.
    /// (If this ever fails, gnuplot changed, and the reason in `Gnuplot.literal` needs rewording.)
    @Test func doubleQuotesWouldHaveRunIt() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let witness = directory.appendingPathComponent("ran")
        _ = try Gnuplot.run(script: "set title \"`touch \(witness.path)`\"\n", in: directory)
        #expect(FileManager.default.fileExists(atPath: witness.path))
    }

    /// Quotes, backslashes, macros, dollars and comment signs come back exactly as written.
    @Test(arguments: [
        "it's", "''", "'''a", "x''''y", "'", "", "say \"hi\"", #"C:\new\table"#, "ends with \\",
        "@macro x", "$1 + $2", "# not a comment", "a; print 'injected'", "{/Symbol a}^2_x",
        "`echo hi`", "é, Ω, 🐶",
    ])
    func textComesBackAsWritten(_ text: String) throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try readBack(text) == text)
    }

    /// A macro defined in the script is not expanded inside a label.
    @Test func macrosAreNotExpanded() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = try Gnuplot.run(
            script: "set print '-'\nx = 'EXPANDED'\nprint \(Gnuplot.literal("@x"))\n",
            in: directory)
        #expect(output == "@x\n")
    }

    /// A line break would end the command and start one of the attacker's: it becomes a space.
    @Test func lineBreaksCannotStartACommand() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let witness = directory.appendingPathComponent("newline")
        let text = "title\nsystem('touch \(witness.path)')\r\nend"
        #expect(try readBack(text) == "title system('touch \(witness.path)')  end")
        #expect(!FileManager.default.fileExists(atPath: witness.path))
    }

    /// A comment ending in a backslash would continue onto the next line and swallow it.
    @Test func commentsEndOnTheirLine() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(Gnuplot.comment("a\\\\") == "# a")
        #expect(Gnuplot.comment("one\ntwo") == "# one two")
        let output = try Gnuplot.run(
            script: Gnuplot.comment("title \\") + "\nset print '-'\nprint 'kept'\n",
            in: directory)
        #expect(output == "kept\n")
    }

    /// File names with quotes and spaces are read and written as named.
    @Test func fileNamesAreLiteralsToo() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        var figure = Figure("g", title: "t")
        figure.add(Series("s", y: [1.0, 2, 3]))
        let data = "it's data `x`.dat", png = "it's a figure.png"
        try Gnuplot.dataText(for: figure).write(
            to: directory.appendingPathComponent(data), atomically: true,
            encoding: .utf8)
        _ = try Gnuplot.run(script: Gnuplot.script(for: figure, dataFile: data, pngFile: png), in: directory)
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent(png).path))
    }

    /// A legend position is gnuplot's own words only; anything else stops with the reason.
    @Test func legendPositionsAreCheckedWords() async {
        #expect(Gnuplot.legendPosition("outside bottom center horizontal") == "outside bottom center horizontal")
        await #expect(processExitsWith: .failure) {
            _ = Gnuplot.legendPosition("top right; system('touch /tmp/x')")
        }
    }
}
