using MtlSharp.Benchmarks;
using MtlSharp.Cli.Commands;
using MtlSharp.Training;

namespace MtlSharp.Cli.Running;

/// <summary>Turns command-line settings into a validated <see cref="RunRequest"/>; every error names the value and the fix.</summary>
public static class RequestBuilder
{
    private static readonly Dictionary<string, string> CommandLineNames = new()
    {
        [nameof(TrainerOptions.Epochs)] = "--epochs",
        [nameof(TrainerOptions.BatchSize)] = "--batch-size",
        [nameof(TrainerOptions.LearningRate)] = "--lr",
        [nameof(TrainerOptions.Momentum)] = "--momentum",
        [nameof(TrainerOptions.WeightDecay)] = "--weight-decay",
        [nameof(TrainerOptions.StepSize)] = "--step-size",
        [nameof(TrainerOptions.Gamma)] = "--gamma",
        [nameof(TrainerOptions.AverageLastEpochs)] = "--average-last",
    };

    /// <summary>Builds a request for <paramref name="methodName"/> with raw KEY=VALUE method options.</summary>
    /// <exception cref="ArgumentException">An unknown or invalid value.</exception>
    public static RunRequest Build(RunSettings settings, string methodName, IReadOnlyList<string> rawOptions, string? mode, string? output)
    {
        IBenchmark benchmark = BenchmarkRegistry.Get(settings.Benchmark);
        MethodDefinition method = MethodRegistry.Get(methodName);
        MethodOptions options = MethodOptions.Resolve(method, ParseOptions(method, rawOptions));
        GradientMode gradientMode = ResolveMode(method, mode);

        var trainer = new TrainerOptions
        {
            Epochs = settings.Epochs,
            BatchSize = settings.BatchSize,
            LearningRate = settings.LearningRate,
            Optimizer = ParseChoice<OptimizerKind>("--optimizer", settings.Optimizer, ("adam", OptimizerKind.Adam), ("sgd", OptimizerKind.Sgd)),
            Momentum = settings.Momentum,
            WeightDecay = settings.WeightDecay,
            Schedule = ParseChoice<ScheduleKind>("--schedule", settings.Schedule, ("constant", ScheduleKind.Constant), ("step", ScheduleKind.Step), ("cosine", ScheduleKind.Cosine)),
            StepSize = settings.StepSize,
            Gamma = settings.Gamma,
            Seed = settings.Seed,
            AverageLastEpochs = settings.AverageLast,
            GradientMode = gradientMode,
        };
        try
        {
            trainer.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            string option = CommandLineNames.TryGetValue(e.ParamName ?? "", out string? name) ? name : e.ParamName ?? "an option";
            throw new ArgumentException($"Invalid {option} {e.ActualValue}: {e.Message.Split(" (Parameter")[0]}", e);
        }

        if (settings.Threads is int threads && threads < 1)
        {
            throw new ArgumentException($"Invalid --threads {threads}; give a positive number of threads.");
        }

        if (settings.TrainSize is int trainSize && trainSize < 1)
        {
            throw new ArgumentException($"Invalid --train-size {trainSize}; give a positive number of samples.");
        }

        if (settings.TestSize is int testSize && testSize < 1)
        {
            throw new ArgumentException($"Invalid --test-size {testSize}; give a positive number of samples.");
        }

        string folder = output ?? Path.Combine("runs", benchmark.Name, $"{method.Name}-seed{settings.Seed}");
        if (!settings.Overwrite && File.Exists(Path.Combine(folder, RunFolder.ResultFile)))
        {
            throw new ArgumentException($"Output folder '{folder}' already contains a finished run. Choose another --out or pass --overwrite.");
        }

        string baselines = settings.Baselines ?? Path.Combine("runs", benchmark.Name, "baselines.json");
        var data = new BenchmarkSettings(settings.DataRoot, settings.Seed, settings.TrainSize, settings.TestSize);
        bool progress = !settings.NoProgress && !Console.IsOutputRedirected;
        return new RunRequest(benchmark, method, options, trainer, data, folder, baselines, settings.Threads, progress);
    }

    private static Dictionary<string, string> ParseOptions(MethodDefinition method, IReadOnlyList<string> rawOptions)
    {
        var parsed = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string raw in rawOptions)
        {
            int split = raw.IndexOf('=');
            if (split <= 0 || split == raw.Length - 1)
            {
                throw new ArgumentException($"Invalid method option '{raw}'; write it as KEY=VALUE, for example -O p=0.5.");
            }

            parsed[raw[..split].Trim()] = raw[(split + 1)..].Trim();
        }

        return parsed;
    }

    private static GradientMode ResolveMode(MethodDefinition method, string? mode)
    {
        if (method.Family != MethodFamily.GradientAggregation)
        {
            if (mode is not null)
            {
                string family = method.Family == MethodFamily.LossBalancing ? "a loss balancer" : "single-task learning";
                throw new ArgumentException($"--mode applies only to gradient aggregators; '{method.Name}' is {family}. Remove --mode.");
            }

            return GradientMode.Parameters;
        }

        if (mode is null)
        {
            return method.Modes.Count > 0 ? method.Modes[0] : GradientMode.Parameters;
        }

        GradientMode parsed = ParseChoice<GradientMode>("--mode", mode, ("parameters", GradientMode.Parameters), ("representation", GradientMode.Representation));
        if (!method.Modes.Contains(parsed))
        {
            throw new ArgumentException($"Method '{method.Name}' does not support --mode {mode}; supported: {string.Join(", ", method.Modes.Select(m => m.ToString().ToLowerInvariant()))}.");
        }

        return parsed;
    }

    private static T ParseChoice<T>(string option, string value, params (string Name, T Value)[] choices)
    {
        foreach (var (name, choice) in choices)
        {
            if (string.Equals(name, value, StringComparison.OrdinalIgnoreCase))
            {
                return choice;
            }
        }

        throw new ArgumentException($"Invalid {option} '{value}'; allowed: {string.Join(", ", choices.Select(c => c.Name))}.");
    }
}
