using System.ComponentModel;
using Spectre.Console.Cli;

namespace MtlSharp.Cli.Commands;

/// <summary>Options shared by `mtl train` and `mtl compare`: benchmark, schedule, data and output.</summary>
public class RunSettings : CommandSettings
{
    [CommandOption("-b|--benchmark <NAME>")]
    [Description("Benchmark to train on (see the list in the error for an unknown name).")]
    public string Benchmark { get; init; } = "multi-fashion";

    [CommandOption("--epochs <N>")]
    [Description("Number of training epochs.")]
    [DefaultValue(5)]
    public int Epochs { get; init; } = 5;

    [CommandOption("--batch-size <N>")]
    [Description("Training batch size.")]
    [DefaultValue(256)]
    public int BatchSize { get; init; } = 256;

    [CommandOption("--lr <RATE>")]
    [Description("Initial learning rate.")]
    [DefaultValue(1e-3)]
    public double LearningRate { get; init; } = 1e-3;

    [CommandOption("--optimizer <NAME>")]
    [Description("Optimizer: adam or sgd.")]
    [DefaultValue("adam")]
    public string Optimizer { get; init; } = "adam";

    [CommandOption("--momentum <M>")]
    [Description("SGD momentum, from 0 up to but not including 1.")]
    [DefaultValue(0.9)]
    public double Momentum { get; init; } = 0.9;

    [CommandOption("--weight-decay <W>")]
    [Description("L2 weight decay.")]
    [DefaultValue(0.0)]
    public double WeightDecay { get; init; }

    [CommandOption("--schedule <NAME>")]
    [Description("Learning-rate schedule, stepped per epoch: constant, step or cosine.")]
    [DefaultValue("constant")]
    public string Schedule { get; init; } = "constant";

    [CommandOption("--step-size <EPOCHS>")]
    [Description("Epochs between decays of the step schedule.")]
    [DefaultValue(10)]
    public int StepSize { get; init; } = 10;

    [CommandOption("--gamma <G>")]
    [Description("Decay factor of the step schedule, above 0 and at most 1.")]
    [DefaultValue(0.1)]
    public double Gamma { get; init; } = 0.1;

    [CommandOption("--seed <S>")]
    [Description("Seed of initialization, data generation, data order and method randomness.")]
    [DefaultValue(0)]
    public int Seed { get; init; }

    [CommandOption("--threads <N>")]
    [Description("Intra-op threads of TorchSharp; results are bit-reproducible for a fixed seed and thread count.")]
    public int? Threads { get; init; }

    [CommandOption("--average-last <N>")]
    [Description("Number of final epochs whose test metrics are averaged in the result.")]
    [DefaultValue(3)]
    public int AverageLast { get; init; } = 3;

    [CommandOption("--data-root <DIR>")]
    [Description("Fashion-MNIST folder; default: $MTLSHARP_FASHION_MNIST, else /usr/share/datasets/fashion-mnist.")]
    public string? DataRoot { get; init; }

    [CommandOption("--train-size <N>")]
    [Description("Use only the first N training samples (the validation split keeps its size).")]
    public int? TrainSize { get; init; }

    [CommandOption("--test-size <N>")]
    [Description("Use only the first N test samples.")]
    public int? TestSize { get; init; }

    [CommandOption("--baselines <FILE>")]
    [Description("STL baselines file; default runs/<benchmark>/baselines.json. STL runs write it, other methods read it.")]
    public string? Baselines { get; init; }

    [CommandOption("--overwrite")]
    [Description("Replace the results of an earlier run in the output folder.")]
    public bool Overwrite { get; init; }

    [CommandOption("--no-progress")]
    [Description("Print one line per epoch instead of a progress bar.")]
    public bool NoProgress { get; init; }
}
