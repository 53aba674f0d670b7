using System.ComponentModel;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using MtlSharp.Benchmarks.Toy;
using MtlSharp.Cli.Plotting;
using MtlSharp.Training;
using Spectre.Console;
using Spectre.Console.Cli;
using TorchSharp;

namespace MtlSharp.Cli.Commands;

/// <summary>
/// `mtl toy`: optimizes the CAGrad / Nash-MTL toy problem from its published start points with each
/// given method, then writes the trajectories as a PNG and the end points as CSV.
/// </summary>
public sealed class ToyCommand : Command<ToyCommand.Settings>
{
    /// <summary>File name of the figure in the output folder.</summary>
    public const string FigureFile = "toy.png";

    /// <summary>File name of the end points (method,start,x,y,f1,f2) in the output folder.</summary>
    public const string EndPointsFile = "toy-endpoints.csv";

    /// <summary>File name of the recorded trajectory points in the output folder.</summary>
    public const string TrajectoriesFile = "toy-trajectories.csv";

    public sealed class Settings : CommandSettings
    {
        [CommandOption("-m|--method <NAME>")]
        [Description("Method to run (see 'mtl methods'); repeat the option to compare several methods.")]
        public string[] Methods { get; init; } = Array.Empty<string>();

        [CommandOption("-o|--out <DIR>")]
        [Description("Output folder for toy.png, toy-endpoints.csv and toy-trajectories.csv; created if missing.")]
        public string? Out { get; init; }

        [CommandOption("--setup <NAME>")]
        [Description("Published setup: 'cagrad' (f1 unscaled, 3 starts, 100000 steps) or 'nash-mtl' (f1 scaled by 0.1, 5 starts, 35000 steps).")]
        [DefaultValue("cagrad")]
        public string Setup { get; init; } = "cagrad";

        [CommandOption("--iterations <N>")]
        [Description("Adam steps per start point; default: the setup's. A step takes a few milliseconds of CPU, so the published counts take minutes per method; fewer steps with a larger --lr give a quick preview.")]
        public int? Iterations { get; init; }

        [CommandOption("--lr <RATE>")]
        [Description("Adam learning rate; default: the setup's (0.001).")]
        public double? LearningRate { get; init; }

        [CommandOption("-O|--method-option <METHOD.KEY=VALUE>")]
        [Description("An option of one of the methods, such as mgda.normalization=none; repeat for several. 'mtl methods' lists each method's options.")]
        public string[] MethodOptions { get; init; } = Array.Empty<string>();

        [CommandOption("--mode <MODE>")]
        [Description("Gradient mode of the gradient aggregators: parameters or representation; default: each aggregator's first supported mode. Both give the same Jacobian on this problem.")]
        public string? Mode { get; init; }

        [CommandOption("--seed <N>")]
        [Description("Seed of methods that sample (RLW, PCGrad's task order).")]
        [DefaultValue(0)]
        public int Seed { get; init; }

        public override ValidationResult Validate()
        {
            if (Methods.Length == 0)
            {
                return ValidationResult.Error("Missing --method; give at least one method name, for example --method ew.");
            }

            if (string.IsNullOrWhiteSpace(Out))
            {
                return ValidationResult.Error("Missing --out; give the folder for the figure and CSV files.");
            }

            if (Iterations is < 1)
            {
                return ValidationResult.Error($"Invalid --iterations {Iterations}; it must be at least 1.");
            }

            if (LearningRate is double rate && (!(rate > 0) || !double.IsFinite(rate)))
            {
                return ValidationResult.Error($"Invalid --lr {rate.ToString(CultureInfo.InvariantCulture)}; it must be a positive finite number such as 0.001.");
            }

            return ValidationResult.Success();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ToySetup setup;
        IReadOnlyList<ToyMethod> methods;
        try
        {
            ToySetup published = ToySetup.Get(settings.Setup);
            setup = published with
            {
                Iterations = settings.Iterations ?? published.Iterations,
                LearningRate = settings.LearningRate ?? published.LearningRate,
            };
            GradientMode? mode = settings.Mode is null ? null : ParseMode(settings.Mode);
            methods = ResolveMethods(settings.Methods, ParseMethodOptions(settings.MethodOptions), mode);
        }
        catch (ArgumentException error)
        {
            AnsiConsole.MarkupLine($"[red]Error:[/] {Markup.Escape(error.Message)}");
            return 1;
        }

        // The toy's tensors have two elements, so intra-op threads only add overhead; starts run in parallel instead.
        torch.set_num_threads(1);

        using ILoggerFactory loggerFactory = LoggerFactory.Create(builder => builder.AddSimpleConsole(options => options.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        ILogger logger = loggerFactory.CreateLogger("mtl.toy");
        var problem = new ToyProblem(setup.FirstObjectiveScale);
        var runs = new List<ToyRun>();

        foreach (var (definition, options, mode) in methods)
        {
            cancellationToken.ThrowIfCancellationRequested();
            AnsiConsole.MarkupLine($"Running [bold]{Markup.Escape(definition.Name)}[/] from {setup.Starts.Count} start points, {setup.Iterations} Adam steps each (learning rate {setup.LearningRate.ToString(CultureInfo.InvariantCulture)}).");

            var environment = new MethodEnvironment(ToyTasks.All, null, settings.Seed, logger);
            ToyRun run;
            try
            {
                run = ToyRunner.RunAll(definition.Name, setup, () => definition.Create(options, environment), mode, settings.Seed, logger, Environment.ProcessorCount);
            }
            catch (Exception error) when (error is ArgumentException or InvalidOperationException)
            {
                AnsiConsole.MarkupLine($"[red]Error:[/] method '{Markup.Escape(definition.Name)}' failed on the toy problem: {Markup.Escape(error.Message)}");
                AnsiConsole.MarkupLine("Set a method's options with -O METHOD.KEY=VALUE; 'mtl methods' lists them. No files were written.");
                return 1;
            }

            runs.Add(run);

            foreach (ToyTrajectory trajectory in run.Trajectories)
            {
                ToyPoint end = trajectory.End;
                string status = trajectory.Diverged ? " [red](diverged)[/]" : string.Empty;
                string events = string.Concat(trajectory.Events.OrderBy(e => e.Key).Select(e => Invariant($"; {e.Key}: {e.Value}")));
                AnsiConsole.MarkupLine(Invariant($"  start {trajectory.StartIndex} ({trajectory.Start.X1}, {trajectory.Start.X2}) -> ({end.X1:F4}, {end.X2:F4}), f1 = {end.F1:F4}, f2 = {end.F2:F4}{status}{Markup.Escape(events)}"));
            }
        }

        string folder = settings.Out!;
        string title = Invariant($"Toy problem, setup {setup.Name}: f1 scale {setup.FirstObjectiveScale}, {setup.Iterations} Adam steps, lr {setup.LearningRate}");
        ToyPlot.Write(Path.Combine(folder, FigureFile), problem, title, runs);
        AtomicFile.WriteAllText(Path.Combine(folder, EndPointsFile), EndPointsCsv(runs));
        AtomicFile.WriteAllText(Path.Combine(folder, TrajectoriesFile), TrajectoriesCsv(runs));

        AnsiConsole.MarkupLine($"Wrote {Markup.Escape(Path.Combine(folder, FigureFile))}, {Markup.Escape(EndPointsFile)} and {Markup.Escape(TrajectoriesFile)}.");
        return 0;
    }

    /// <summary>Formats the end point of every trajectory as CSV: method,start,x,y,f1,f2, with start the zero-based start index.</summary>
    public static string EndPointsCsv(IReadOnlyList<ToyRun> runs)
    {
        var csv = new StringBuilder("method,start,x,y,f1,f2\n");
        foreach (ToyRun run in runs)
        {
            foreach (ToyTrajectory trajectory in run.Trajectories)
            {
                ToyPoint end = trajectory.End;
                csv.Append(Invariant($"{run.Method},{trajectory.StartIndex},{end.X1:R},{end.X2:R},{end.F1:R},{end.F2:R}\n"));
            }
        }

        return csv.ToString();
    }

    /// <summary>Formats every recorded point as CSV: method,start,iteration,x,y,f1,f2.</summary>
    public static string TrajectoriesCsv(IReadOnlyList<ToyRun> runs)
    {
        var csv = new StringBuilder("method,start,iteration,x,y,f1,f2\n");
        foreach (ToyRun run in runs)
        {
            foreach (ToyTrajectory trajectory in run.Trajectories)
            {
                foreach (ToyPoint point in trajectory.Points)
                {
                    csv.Append(Invariant($"{run.Method},{trajectory.StartIndex},{point.Iteration},{point.X1:R},{point.X2:R},{point.F1:R},{point.F2:R}\n"));
                }
            }
        }

        return csv.ToString();
    }

    private static GradientMode ParseMode(string text) =>
        Enum.TryParse(text, ignoreCase: true, out GradientMode mode) && Enum.IsDefined(mode)
            ? mode
            : throw new ArgumentException($"Invalid --mode '{text}'; allowed: parameters, representation.");

    // Splits METHOD.KEY=VALUE entries into per-method option dictionaries keyed by method name.
    private static Dictionary<string, Dictionary<string, string>> ParseMethodOptions(IReadOnlyList<string> rawOptions)
    {
        var parsed = new Dictionary<string, Dictionary<string, string>>(StringComparer.OrdinalIgnoreCase);
        foreach (string raw in rawOptions)
        {
            int dot = raw.IndexOf('.');
            int equals = raw.IndexOf('=');
            if (dot <= 0 || equals <= dot + 1 || equals == raw.Length - 1)
            {
                throw new ArgumentException($"Invalid method option '{raw}'; write it as METHOD.KEY=VALUE, for example -O mgda.normalization=none.");
            }

            string method = raw[..dot].Trim();
            if (!parsed.TryGetValue(method, out Dictionary<string, string>? options))
            {
                options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                parsed[method] = options;
            }

            options[raw[(dot + 1)..equals].Trim()] = raw[(equals + 1)..].Trim();
        }

        return parsed;
    }

    private static IReadOnlyList<ToyMethod> ResolveMethods(IReadOnlyList<string> names, Dictionary<string, Dictionary<string, string>> options, GradientMode? mode)
    {
        var resolved = new List<ToyMethod>();
        foreach (string name in names)
        {
            MethodDefinition definition = MethodRegistry.Get(name);
            if (definition.Family == MethodFamily.SingleTask)
            {
                throw new ArgumentException($"Method '{definition.Name}' trains one network per task and has no trajectory on the toy problem; choose a loss balancer or a gradient aggregator.");
            }

            if (definition.NeedsBaselines)
            {
                throw new ArgumentException($"Method '{definition.Name}' needs single-task baselines and validation metrics, which the toy problem does not have; choose another method.");
            }

            if (resolved.Any(r => r.Definition.Name == definition.Name))
            {
                throw new ArgumentException($"Method '{definition.Name}' is given twice; give each method once.");
            }

            GradientMode methodMode = mode ?? (definition.Modes.Count > 0 ? definition.Modes[0] : GradientMode.Parameters);
            GradientModeSupport.EnsureSupported(definition, methodMode);
            var requestedOptions = options.GetValueOrDefault(definition.Name) ?? new Dictionary<string, string>();
            resolved.Add(new ToyMethod(definition, MethodOptions.Resolve(definition, requestedOptions), methodMode));
        }

        string? unused = options.Keys.FirstOrDefault(key => !resolved.Any(r => string.Equals(r.Definition.Name, key, StringComparison.OrdinalIgnoreCase)));
        if (unused is not null)
        {
            throw new ArgumentException($"Method options are given for '{unused}', which is not one of the --method values ({string.Join(", ", resolved.Select(r => r.Definition.Name))}).");
        }

        return resolved;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record ToyMethod(MethodDefinition Definition, MethodOptions Options, GradientMode Mode);
}
