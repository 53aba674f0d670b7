using System.Globalization;
using MtlSharp.Tasks;
using MtlSharp.Training;
using Spectre.Console;

namespace MtlSharp.Cli.Running;

/// <summary>
/// Shows training progress: a bar per epoch with the mean loss and throughput when the console is
/// interactive, and one line per epoch otherwise (in CI logs).
/// </summary>
public sealed class ProgressObserver : ITrainingObserver
{
    private readonly string label;
    private readonly IReadOnlyList<TaskSpec> tasks;
    private readonly ProgressContext? context;
    private ProgressTask? bar;
    private int barEpoch = -1;

    /// <summary>Creates the observer; <paramref name="context"/> is null when no bar is drawn.</summary>
    public ProgressObserver(string label, IReadOnlyList<TaskSpec> tasks, ProgressContext? context)
    {
        this.label = label;
        this.tasks = tasks;
        this.context = context;
    }

    /// <inheritdoc />
    public void OnStep(long step, int epoch, int batch, int batchCount, IReadOnlyList<double> losses, IReadOnlyList<double>? weights, double samplesPerSecond)
    {
        if (context is null)
        {
            return;
        }

        if (bar is null || barEpoch != epoch)
        {
            bar = context.AddTask($"{label} epoch {epoch}", maxValue: batchCount);
            barEpoch = epoch;
        }

        if (batch % 5 == 0 || batch == batchCount - 1)
        {
            string loss = string.Join(" ", losses.Select(l => l.ToString("F3", CultureInfo.InvariantCulture)));
            bar.Description = Markup.Escape($"{label} epoch {epoch} loss {loss} {samplesPerSecond:F0} samples/s");
        }

        bar.Value = batch + 1;
    }

    /// <inheritdoc />
    public void OnEpoch(EpochRecord record)
    {
        string kpis = string.Join(", ", tasks.Select(t => $"{t.Name} {t.Kpi} {record.Test.Get(t.Name, t.Kpi):F4}"));
        string delta = record.TestDelta is null ? "" : $", test Δp {record.TestDelta.DeltaP:+0.00;-0.00}%";
        string line = $"{label} epoch {record.Epoch}: {record.TrainSeconds:F1}s, {record.SamplesPerSecond:F0} samples/s, test {kpis}{delta}";
        AnsiConsole.MarkupLine(Markup.Escape(line));
    }
}
