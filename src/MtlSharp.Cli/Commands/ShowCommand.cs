using System.ComponentModel;
using MtlSharp.Benchmarks;
using MtlSharp.Benchmarks.FashionDense;
using MtlSharp.Cli.Plotting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MtlSharp.Cli.Commands;

/// <summary>`mtl show`: draws a few training samples of a benchmark with their targets as a PNG.</summary>
public sealed class ShowCommand : Command<ShowCommand.Settings>
{
    /// <summary>Options of `mtl show`.</summary>
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--benchmark <NAME>")]
        [Description("Benchmark to draw, for example fashion-dense.")]
        public string Benchmark { get; init; } = "";

        [CommandOption("--out <FILE>")]
        [Description("PNG file to write. Default: <benchmark>.png in the current folder.")]
        public string? Out { get; init; }

        [CommandOption("--count <N>")]
        [Description("Number of samples (rows) to draw, 1 to 16.")]
        [DefaultValue(4)]
        public int Count { get; init; } = 4;

        [CommandOption("--seed <SEED>")]
        [Description("Seed of the data generation.")]
        [DefaultValue(0)]
        public int Seed { get; init; }

        [CommandOption("--data-root <FOLDER>")]
        [Description("Folder with the Fashion-MNIST IDX files. Default: $MTLSHARP_FASHION_MNIST, else /usr/share/datasets/fashion-mnist.")]
        public string? DataRoot { get; init; }

        public override ValidationResult Validate()
        {
            if (string.IsNullOrWhiteSpace(Benchmark))
            {
                string names = string.Join(", ", BenchmarkRegistry.All.Select(b => b.Name));
                return ValidationResult.Error($"--benchmark is missing. Valid benchmarks: {names}.");
            }

            if (Count < 1 || Count > 16)
            {
                return ValidationResult.Error($"--count is {Count}; it must be between 1 and 16.");
            }

            return ValidationResult.Success();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        IBenchmark benchmark;
        try
        {
            benchmark = BenchmarkRegistry.Get(settings.Benchmark);
        }
        catch (ArgumentException e)
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
            return 1;
        }

        string path = settings.Out ?? $"{benchmark.Name}.png";
        try
        {
            using var splits = benchmark.Load(new BenchmarkSettings(settings.DataRoot, settings.Seed, TrainSize: settings.Count, TestSize: 1));
            IReadOnlyList<string>? classNames = benchmark is FashionDenseBenchmark ? FashionDenseBenchmark.SegmentationClassNames : null;
            ScenePlot.Save(
                splits.Train.Inputs,
                splits.Train.Targets,
                benchmark.Tasks.Select(t => t.Name).ToArray(),
                (int)Math.Min(settings.Count, splits.Train.Count),
                classNames,
                path);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
            return 1;
        }

        AnsiConsole.MarkupLine($"Wrote {Markup.Escape(Path.GetFullPath(path))}");
        return 0;
    }
}
