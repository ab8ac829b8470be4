import Notebook

// MARK: - The tables of a comparison of fine-tuning methods

/// Tables built from measured methods, one row a method, estimates as mean ± 95% interval.
public enum MethodTables {
    /// The share of `total` that `trainable` is, as "0.45%": one definition for every table.
    public static func share(_ trainable: Int, of total: Int) -> String {
        Format.percent(Double(trainable) / Double(max(total, 1)), 2)
    }

    /// What training every weight with Adam in float32 holds for each model: the weights and
    /// their gradients (4 bytes each per parameter) and Adam's m and v (8): 16 bytes per parameter.
    public static func fullFineTuningMemory(_ models: [(label: String, parameters: Double)]) -> Table {
        var table = Table(["", "parameters", "weights", "+ gradients", "+ Adam m, v", "total"])
        for (label, parameters) in models {
            table.append([
                label, Format.count(Int(parameters)), Format.bytes(4 * parameters), Format.bytes(4 * parameters),
                Format.bytes(8 * parameters), Format.bytes(16 * parameters),
            ])
        }
        return table
    }

    /// Method, family, trainable count and share, rate, exact match, answer loss — after the
    /// `baselines` rows (already formatted).
    public static func results(
        _ methods: [MeasuredMethod], modelParameters: Int,
        accuracyHeader: String = "exact match", showsFamily: Bool = true,
        baselines: [[String]]
    ) -> Table {
        let family = showsFamily ? ["family"] : []
        var table = Table(
            ["method"] + family + [
                "trainable", "share", "learning rate", accuracyHeader,
                "answer loss (nats)",
            ])
        for row in baselines { table.append(row) }
        for measured in methods {
            table.append(
                [measured.name] + (showsFamily ? [measured.method.family.rawValue] : [])
                    + [
                        Format.count(measured.budget.trainable), share(measured.budget.trainable, of: modelParameters),
                        Format.significant(Double(measured.rate), 2), Format.percent(measured.accuracy),
                        Format.fixed(measured.answerLoss, 3),
                    ])
        }
        return table
    }

    /// The story loss after each run (`MeasuredMethod.extra`) against the base model's, with the
    /// verb `Comparison.lossVerb` chooses (losses closer than 0.002 nats read as unchanged).
    public static func forgetting(_ runsByTask: [(task: String, methods: [MeasuredMethod])], baseLoss: Double)
        -> Table
    {
        let base = Estimate(constant: baseLoss)
        var table = Table(["task", "method", "story loss after", "change against the base", "task accuracy"])
        table.append(["—", "pretrained model", Format.fixed(baseLoss, 4), "—", "—"])
        for (task, methods) in runsByTask {
            for measured in methods {
                let change = measured.extra.mean - baseLoss
                table.append([
                    task, measured.name, Format.fixed(measured.extra, 4),
                    (change >= 0 ? "+" : "−") + Format.fixed(abs(change), 4) + " ("
                        + Comparison.lossVerb(measured.extra, base, close: 0.002) + " the base)",
                    Format.percent(measured.accuracy),
                ])
            }
        }
        return table
    }

    /// The memory formula (4 bytes per weight + 12 per trainable number) beside the measured
    /// peak, and the time per step against `reference`'s.
    public static func cost(_ methods: [MeasuredMethod], reference: MeasuredMethod) -> Table {
        var table = Table([
            "method", "trainable", "formula: 4·all + 12·trainable", "measured peak", "time per step",
            "against full",
        ])
        let referenceStep = reference.secondsPerStep.mean
        for measured in methods {
            let formula = 4 * measured.budget.total + 12 * measured.budget.trainable
            table.append([
                measured.name, Format.count(measured.budget.trainable), Format.bytes(formula),
                Format.bytes(measured.peakBytes),
                Format.fixed(measured.secondsPerStep.mean * 1000, 1) + " ± "
                    + Format.fixed(measured.secondsPerStep.halfWidth * 1000, 1) + " ms",
                Format.percent(measured.secondsPerStep.mean / max(referenceStep, 1e-12), 0),
            ])
        }
        return table
    }
}
