using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MtlSharp.Bench;

/// <summary>Options of the step-time harness.</summary>
public sealed class StepTimeSettings : CommandSettings
{
    [CommandOption("--methods <LIST>")]
    [Description("Methods to time besides equal weighting: 'ew' (only the library and hand-written comparison), 'all' (every registered method except stl), or a comma-separated list of names.")]
    [DefaultValue("ew")]
    public string Methods { get; init; } = "ew";

    [CommandOption("--rounds <N>")]
    [Description("Rounds; each round runs every method for --steps steps, in an order rotated by one per round.")]
    [DefaultValue(7)]
    public int Rounds { get; init; } = 7;

    [CommandOption("--steps <N>")]
    [Description("Timed steps of each method per round.")]
    [DefaultValue(30)]
    public int Steps { get; init; } = 30;

    [CommandOption("--warmup <N>")]
    [Description("Untimed steps of each method before the first round.")]
    [DefaultValue(10)]
    public int Warmup { get; init; } = 10;

    [CommandOption("--threads <N>")]
    [Description("TorchSharp intra-op threads (torch.set_num_threads); 0 means one per logical processor.")]
    [DefaultValue(0)]
    public int Threads { get; init; }

    [CommandOption("--batch-size <N>")]
    [Description("Training batch size.")]
    [DefaultValue(256)]
    public int BatchSize { get; init; } = 256;

    [CommandOption("--lr <RATE>")]
    [Description("Adam learning rate.")]
    [DefaultValue(1e-3)]
    public double LearningRate { get; init; } = 1e-3;

    [CommandOption("--seed <N>")]
    [Description("Seed of the data and of every model's initialization.")]
    [DefaultValue(0)]
    public int Seed { get; init; }

    [CommandOption("--data-root <FOLDER>")]
    [Description("Fashion-MNIST folder; default: MTLSHARP_FASHION_MNIST, else /usr/share/datasets/fashion-mnist.")]
    public string? DataRoot { get; init; }

    [CommandOption("--out <FILE>")]
    [Description("Also write the results as JSON to this file.")]
    public string? Out { get; init; }

    public override ValidationResult Validate()
    {
        if (Rounds < 1)
        {
            return ValidationResult.Error($"--rounds is {Rounds}; use at least 1.");
        }

        if (Steps < 1)
        {
            return ValidationResult.Error($"--steps is {Steps}; use at least 1.");
        }

        if (Warmup < 0)
        {
            return ValidationResult.Error($"--warmup is {Warmup}; use 0 or more.");
        }

        if (Threads < 0)
        {
            return ValidationResult.Error($"--threads is {Threads}; use 0 (one per logical processor) or a positive count.");
        }

        if (BatchSize < 1)
        {
            return ValidationResult.Error($"--batch-size is {BatchSize}; use at least 1.");
        }

        if (!(LearningRate > 0) || !double.IsFinite(LearningRate))
        {
            return ValidationResult.Error($"--lr is {LearningRate}; use a positive number such as 1e-3.");
        }

        return ValidationResult.Success();
    }
}
