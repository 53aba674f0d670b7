using System.ComponentModel;
using MtlSharp.Cli.Plotting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MtlSharp.Cli.Commands;

/// <summary>`mtl plot weights RUN_DIR`: draws the task weights λ of a run over its steps into RUN_DIR/weights.png.</summary>
public sealed class PlotWeightsCommand : Command<PlotWeightsCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<RUN_DIR>")]
        [Description("Run folder that contains weights.csv; the chart is written there as weights.png.")]
        public string RunDirectory { get; init; } = "";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(settings.RunDirectory))
        {
            AnsiConsole.MarkupLine($"[red]Error:[/] run folder '{Markup.Escape(settings.RunDirectory)}' not found.");
            return 1;
        }

        string csv = Path.Combine(settings.RunDirectory, "weights.csv");
        string png = Path.Combine(settings.RunDirectory, "weights.png");
        try
        {
            WeightSeries series = WeightsPlot.Read(csv);
            string title = $"Task weights λ: {Path.GetFileName(Path.GetFullPath(settings.RunDirectory).TrimEnd(Path.DirectorySeparatorChar))}";
            WeightsPlot.Write(series, png, title);
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException)
        {
            AnsiConsole.MarkupLine($"[red]Error:[/] {Markup.Escape(e.Message)}");
            return 1;
        }

        AnsiConsole.MarkupLine($"Wrote {Markup.Escape(png)}");
        return 0;
    }
}
