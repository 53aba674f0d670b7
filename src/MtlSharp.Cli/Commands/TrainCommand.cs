using Microsoft.Extensions.Logging;
using MtlSharp.Cli.Running;
using Spectre.Console.Cli;

namespace MtlSharp.Cli.Commands;

/// <summary>`mtl train`: trains one method on one benchmark and writes a run folder.</summary>
public sealed class TrainCommand : Command<TrainSettings>
{
    public override int Execute(CommandContext context, TrainSettings settings, CancellationToken cancellationToken)
    {
        using ILoggerFactory factory = CliLogging.CreateFactory();
        ILogger logger = factory.CreateLogger("mtl");
        return CommandErrors.Run(logger, () =>
        {
            RunRequest request = RequestBuilder.Build(settings, settings.Method, settings.MethodOptions, settings.Mode, settings.Out);
            RunSummary summary = new RunExecutor(logger).Execute(request);
            ResultTable.Write(request.Benchmark.Tasks, new[] { summary });
            logger.LogInformation("Run folder: {Folder}", summary.Folder);
        });
    }
}
