using Microsoft.Extensions.Logging;
using MtlSharp.Benchmarks;
using MtlSharp.Cli.Running;
using Spectre.Console.Cli;

namespace MtlSharp.Cli.Commands;

/// <summary>
/// `mtl compare`: trains several methods with the same schedule and seed (STL first, which writes the
/// baselines), then prints one table of each task's KPI and Δp per method.
/// </summary>
public sealed class CompareCommand : Command<CompareSettings>
{
    public override int Execute(CommandContext context, CompareSettings settings, CancellationToken cancellationToken)
    {
        using ILoggerFactory factory = CliLogging.CreateFactory();
        ILogger logger = factory.CreateLogger("mtl");
        return CommandErrors.Run(logger, () =>
        {
            string[] methods = settings.Methods.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (methods.Length == 0)
            {
                throw new ArgumentException("--methods is empty; give a comma-separated list such as stl,ew,gls.");
            }

            IBenchmark benchmark = BenchmarkRegistry.Get(settings.Benchmark);
            string parent = settings.Out ?? Path.Combine("runs", benchmark.Name, $"compare-seed{settings.Seed}");
            string baselines = settings.Baselines ?? Path.Combine(parent, "baselines.json");

            // Validate every method name and option before the first one trains.
            var requests = methods
                .Select(m => RequestBuilder.Build(settings, m, Array.Empty<string>(), null, Path.Combine(parent, m)) with { BaselinesPath = baselines })
                .ToArray();

            var summaries = new List<RunSummary>();
            foreach (RunRequest request in requests)
            {
                logger.LogInformation("Training {Method} on {Benchmark}", request.Method.Name, request.Benchmark.Name);
                summaries.Add(new RunExecutor(logger).Execute(request));
            }

            ResultTable.Write(benchmark.Tasks, summaries);
            logger.LogInformation("Runs are in {Folder}", parent);
        });
    }
}
