// swift-tools-version:6.0
// Tailor — tailoring language models to a task, from scratch, in Swift.
import PackageDescription

/// The engine's hot loops are compiled optimized even in a debug build: readers run
/// `swift run chapterNN-…` without `-c release`, and an element-wise loop in plain debug
/// is several times slower. `-O`, not `-Ounchecked`, so shape preconditions still fire.
let optimizedEvenInDebug: [SwiftSetting] = [.unsafeFlags(["-O"])]

let package = Package(
    name: "Tailor",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "chapter01-tokenizer", targets: ["chapter01-tokenizer"]),
        .executable(name: "chapter02-attention", targets: ["chapter02-attention"]),
        .executable(name: "chapter03-pretraining", targets: ["chapter03-pretraining"]),
        .executable(name: "chapter04-svd", targets: ["chapter04-svd"]),
        .executable(name: "chapter05-lora", targets: ["chapter05-lora"]),
        .executable(name: "chapter06-qlora", targets: ["chapter06-qlora"]),
        .executable(name: "chapter07-rlhf", targets: ["chapter07-rlhf"]),
        .executable(name: "book", targets: ["book"]),
        .executable(name: "bench", targets: ["bench"]),
        .executable(name: "exercises", targets: ["exercises"]),
        .executable(name: "tailor", targets: ["tailor"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
        // Only the HTML book (Publishing, `book`) uses it, to highlight listings: the chapters do not build it.
        .package(url: "https://github.com/swiftlang/swift-syntax", from: "603.0.1"),
    ],
    targets: [
        // MARK: - Libraries
        .systemLibrary(
            name: "CBLAS",
            path: "Sources/CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        // Leaves: the one seeded generator, and the one atomic writer with checks for untrusted sizes.
        .target(name: "Randomness", swiftSettings: optimizedEvenInDebug),
        .target(name: "FileSafety", swiftSettings: optimizedEvenInDebug),
        .target(
            name: "Engine", dependencies: ["CBLAS", "Randomness", "FileSafety"], swiftSettings: optimizedEvenInDebug),
        // Checkpoints in the safetensors format, with the strict JSON parser its header needs.
        .target(name: "Safetensors", dependencies: ["Engine", "FileSafety"], swiftSettings: optimizedEvenInDebug),
        // The book's chapters, named once: number, slug, title, summary.
        .target(name: "ChapterList"),
        .target(
            name: "Notebook",
            dependencies: [
                "ChapterList", "FileSafety", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .target(
            name: "Publishing",
            dependencies: [
                "FileSafety", .product(name: "Ink", package: "Ink"),
                .product(name: "SwiftParser", package: "swift-syntax"),
                .product(name: "SwiftIDEUtils", package: "swift-syntax"),
                .product(name: "SwiftSyntax", package: "swift-syntax"),
            ]),
        .target(name: "Corpus", dependencies: ["Randomness", "FileSafety"], swiftSettings: optimizedEvenInDebug),
        .target(
            name: "Tokenization",
            dependencies: [
                "FileSafety", .product(name: "HeapModule", package: "swift-collections"),
            ], swiftSettings: optimizedEvenInDebug),
        .target(
            name: "Transformers", dependencies: ["Safetensors", "Engine", "FileSafety"],
            swiftSettings: optimizedEvenInDebug),
        .target(
            name: "Bookshelf",
            dependencies: [
                "Safetensors", "Engine", "Notebook", "Corpus", "Tokenization",
                "Transformers",
            ]),
        .target(name: "LinearAlgebra", dependencies: ["CBLAS", "Randomness"], swiftSettings: optimizedEvenInDebug),
        .target(
            name: "Adapters", dependencies: ["Safetensors", "Engine", "FileSafety", "Transformers", "LinearAlgebra"],
            swiftSettings: optimizedEvenInDebug),
        // The story world's supervised tasks: examples by split, scoring, forgetting.
        .target(
            name: "Tasks", dependencies: ["Engine", "Corpus", "Tokenization", "Transformers"],
            swiftSettings: optimizedEvenInDebug),
        // Fine-tuning runs over seeds, their estimates, learning-rate tables, and the words chosen from them.
        // Chapters/ holds the runs, tables and figures of chapters 2–4.
        .target(
            name: "Experiments",
            dependencies: [
                "Engine", "Notebook", "Corpus", "Transformers", "Adapters", "Tasks",
                "Bookshelf", "Quantization", "LinearAlgebra",
            ]),
        .target(
            name: "Quantization", dependencies: ["Safetensors", "Engine", "Transformers", "Adapters"],
            swiftSettings: optimizedEvenInDebug),
        .target(
            name: "Alignment",
            dependencies: [
                "Engine", "FileSafety", "Transformers", "Adapters", "Tasks", "Corpus",
                "Tokenization", "LinearAlgebra", "Notebook", "Bookshelf",
            ],
            swiftSettings: optimizedEvenInDebug),
        .target(
            name: "Exercises",
            dependencies: [
                "Randomness", "Tokenization", "Corpus", "Engine", "Transformers", "LinearAlgebra", "Adapters",
                "Quantization",
                "Alignment",
            ]),

        // MARK: - The chapters, read top to bottom
        .executableTarget(
            name: "chapter01-tokenizer",
            dependencies: [
                "Notebook", "Engine", "Corpus", "Tokenization", "Transformers", "Bookshelf",
                "Exercises", "LinearAlgebra",
            ],
            path: "Sources/chapter01-tokenizer"),
        .executableTarget(
            name: "chapter03-pretraining",
            dependencies: [
                "Safetensors", "Notebook", "Engine", "Corpus", "Tokenization", "Transformers",
                "Bookshelf", "Experiments", "Exercises", "LinearAlgebra",
            ],
            path: "Sources/chapter03-pretraining"),
        .executableTarget(
            name: "chapter04-svd",
            dependencies: [
                "Notebook", "Engine", "Corpus", "Tokenization", "Transformers", "Bookshelf", "LinearAlgebra",
                "Tasks", "Experiments", "Exercises",
            ],
            path: "Sources/chapter04-svd"),
        .executableTarget(
            name: "chapter02-attention",
            dependencies: [
                "Notebook", "Engine", "Corpus", "Tokenization", "Transformers", "Bookshelf",
                "Experiments", "Exercises",
            ],
            path: "Sources/chapter02-attention"),
        .executableTarget(
            name: "chapter05-lora",
            dependencies: [
                "Notebook", "Engine", "Corpus", "Tokenization", "Transformers", "Bookshelf",
                "Adapters", "Tasks", "Experiments", "Exercises",
            ],
            path: "Sources/chapter05-lora"),

        .executableTarget(
            name: "chapter06-qlora",
            dependencies: [
                "Notebook", "Engine", "Corpus", "Tokenization", "Transformers", "Bookshelf",
                "Adapters", "Tasks", "Experiments", "Quantization", "Exercises",
            ],
            path: "Sources/chapter06-qlora"),

        .executableTarget(
            name: "chapter07-rlhf",
            dependencies: [
                "Notebook", "Engine", "Corpus", "Tokenization", "Transformers", "Bookshelf",
                "Adapters", "Tasks", "Alignment", "LinearAlgebra", "Exercises",
            ],
            path: "Sources/chapter07-rlhf"),

        // MARK: - Tools
        .executableTarget(
            name: "book",
            dependencies: [
                "ChapterList", "Notebook", "Publishing", "FileSafety",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "bench",
            dependencies: [
                "Engine", "Corpus", "Tokenization", "Transformers", "Notebook", "Quantization", "Adapters",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "exercises",
            dependencies: [
                "ChapterList", "Exercises", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "tailor",
            dependencies: [
                "Safetensors",
                "Engine", "FileSafety", "Tokenization", "Transformers", "Adapters", "Quantization",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // MARK: - Tests
        .target(name: "TestSupport", dependencies: ["Engine"], path: "Tests/TestSupport"),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "TestSupport"]),
        .testTarget(name: "SafetensorsTests", dependencies: ["Safetensors", "Engine", "FileSafety", "TestSupport"]),
        .testTarget(name: "RandomnessTests", dependencies: ["Randomness"]),
        .testTarget(name: "FileSafetyTests", dependencies: ["FileSafety"]),
        .testTarget(name: "NotebookTests", dependencies: ["Notebook"]),
        .testTarget(name: "ChapterListTests", dependencies: ["ChapterList"]),
        .testTarget(
            name: "PublishingTests",
            dependencies: [
                "Publishing", "Notebook",
                .product(name: "Ink", package: "Ink"),
            ]),
        .testTarget(name: "CorpusTests", dependencies: ["Corpus", "Randomness"]),
        .testTarget(name: "TokenizationTests", dependencies: ["Tokenization", "Corpus", "Randomness", "TestSupport"]),
        .testTarget(
            name: "TransformersTests",
            dependencies: ["Safetensors", "Transformers", "Engine", "FileSafety", "TestSupport"]),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "TestSupport"]),
        .testTarget(
            name: "AdaptersTests",
            dependencies: [
                "Safetensors", "Adapters", "Tasks", "Transformers", "Engine", "FileSafety",
                "TestSupport",
            ]),
        .testTarget(
            name: "ExperimentsTests",
            dependencies: [
                "Experiments", "Notebook", "Adapters", "Transformers", "Engine",
                "Corpus",
            ]),
        .testTarget(
            name: "QuantizationTests",
            dependencies: [
                "Safetensors", "Quantization", "Engine", "FileSafety", "Adapters", "Transformers", "TestSupport",
            ]),
        .testTarget(
            name: "AlignmentTests",
            dependencies: [
                "Alignment", "Adapters", "Transformers", "Engine", "Corpus", "Tokenization", "TestSupport", "Notebook",
                "LinearAlgebra",
            ]),
        .testTarget(name: "ExerciseTests", dependencies: ["Exercises"]),
    ],
    swiftLanguageModes: [.v6]
)
