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
        [Description("Adam steps per start point; default: the setup's.")]
        public int? Iterations { get; init; }

        [CommandOption("--lr <RATE>")]
        [Description("Adam learning rate; default: the setup's (0.001).")]
        public double? LearningRate { get; init; }

        [CommandOption("--gradient-mode <MODE>")]
        [Description("Where gradient aggregators take per-task gradients: 'parameters' or 'representation'. Both give the same Jacobian on this problem.")]
        [DefaultValue("parameters")]
        public string GradientMode { get; init; } = "parameters";

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
        GradientMode mode;
        IReadOnlyList<(MethodDefinition Definition, MethodOptions Options)> methods;
        try
        {
            ToySetup published = ToySetup.Get(settings.Setup);
            setup = published with
            {
                Iterations = settings.Iterations ?? published.Iterations,
                LearningRate = settings.LearningRate ?? published.LearningRate,
            };
            mode = ParseMode(settings.GradientMode);
            methods = ResolveMethods(settings.Methods, mode);
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

        foreach (var (definition, options) in methods)
        {
            cancellationToken.ThrowIfCancellationRequested();
            AnsiConsole.MarkupLine($"Running [bold]{Markup.Escape(definition.Name)}[/] from {setup.Starts.Count} start points, {setup.Iterations} Adam steps each (learning rate {setup.LearningRate.ToString(CultureInfo.InvariantCulture)}).");

            var environment = new MethodEnvironment(ToyTasks.All, null, settings.Seed, logger);
            ToyRun run = ToyRunner.RunAll(definition.Name, setup, () => definition.Create(options, environment), mode, settings.Seed, logger, Environment.ProcessorCount);
            runs.Add(run);

            foreach (ToyTrajectory trajectory in run.Trajectories)
            {
                ToyPoint end = trajectory.End;
                string status = trajectory.Diverged ? " [red](diverged)[/]" : string.Empty;
                AnsiConsole.MarkupLine(Invariant($"  start {trajectory.StartIndex} ({trajectory.Start.X1}, {trajectory.Start.X2}) -> ({end.X1:F4}, {end.X2:F4}), f1 = {end.F1:F4}, f2 = {end.F2:F4}{status}"));
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
            : throw new ArgumentException($"Invalid --gradient-mode '{text}'; allowed: parameters, representation.");

    private static IReadOnlyList<(MethodDefinition, MethodOptions)> ResolveMethods(IReadOnlyList<string> names, GradientMode mode)
    {
        var resolved = new List<(MethodDefinition, MethodOptions)>();
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

            if (resolved.Any(r => r.Item1.Name == definition.Name))
            {
                throw new ArgumentException($"Method '{definition.Name}' is given twice; give each method once.");
            }

            GradientModeSupport.EnsureSupported(definition, mode);
            resolved.Add((definition, MethodOptions.Resolve(definition, new Dictionary<string, string>())));
        }

        return resolved;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
