using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MtlSharp.Bench;

/// <summary>Timing of one runner.</summary>
/// <param name="Name">Method name, or "hand-written TorchSharp".</param>
/// <param name="Mode">Gradient mode of an aggregator, else "-".</param>
/// <param name="MinMs">Fastest timed step, in milliseconds; the least disturbed by other processes.</param>
/// <param name="MedianMs">Median step time over every timed step, in milliseconds.</param>
/// <param name="LowerQuartileMs">25th percentile of the step times, in milliseconds.</param>
/// <param name="UpperQuartileMs">75th percentile of the step times, in milliseconds.</param>
/// <param name="RatioToEw">Median step time divided by that of equal weighting through the library.</param>
/// <param name="LiveTensorGrowth">Change of the thread's live tensor count over the runner's last round (0 when nothing leaks).</param>
/// <param name="LastLoss">Sum of the task losses at the runner's last step.</param>
/// <param name="Error">Why the runner could not run, or null.</param>
public sealed record RunnerResult(
    string Name,
    string Mode,
    double? MinMs,
    double? MedianMs,
    double? LowerQuartileMs,
    double? UpperQuartileMs,
    double? RatioToEw,
    long? LiveTensorGrowth,
    double? LastLoss,
    string? Error);

/// <summary>Everything the harness measured in one run.</summary>
public sealed record BenchReport(
    string Benchmark,
    string Model,
    int BatchSize,
    double LearningRate,
    int Threads,
    int LogicalProcessors,
    int Rounds,
    int StepsPerRound,
    int WarmupSteps,
    string Runtime,
    string TorchSharp,
    double LibraryToHandWrittenRatio,
    double PeakWorkingSetMiB,
    long TensorPeakCount,
    IReadOnlyList<RunnerResult> Runners)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Serializes the report as indented JSON with snake_case names.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Formats the report as a markdown summary and table.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine(invariant, $"## Step time on {Benchmark} ({Model}, batch {BatchSize}, Adam lr {LearningRate})");
        text.AppendLine();
        text.AppendLine(invariant, $"- Threads: {Threads} (torch.set_num_threads), logical processors: {LogicalProcessors}");
        text.AppendLine(invariant, $"- Rounds: {Rounds} × {StepsPerRound} timed steps per runner after {WarmupSteps} warm-up steps, order rotated each round");
        text.AppendLine(invariant, $"- Runtime: {Runtime}, TorchSharp {TorchSharp}");
        text.AppendLine(invariant, $"- Library EW / hand-written median step time: {LibraryToHandWrittenRatio:F3}");
        text.AppendLine(invariant, $"- Peak working set of the process: {PeakWorkingSetMiB:F0} MiB; peak live TorchSharp tensors: {TensorPeakCount}");
        text.AppendLine();
        text.AppendLine("| Runner | Mode | Min ms | Median ms | 25% ms | 75% ms | Ratio to EW | Live tensor growth | Last loss | Error |");
        text.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (RunnerResult r in Runners)
        {
            text.AppendLine(invariant,
                $"| {r.Name} | {r.Mode} | {Format(r.MinMs, "F2")} | {Format(r.MedianMs, "F2")} | {Format(r.LowerQuartileMs, "F2")} | {Format(r.UpperQuartileMs, "F2")} | {Format(r.RatioToEw, "F3")} | {r.LiveTensorGrowth?.ToString(invariant) ?? "-"} | {Format(r.LastLoss, "F4")} | {Escape(r.Error)} |");
        }

        return text.ToString();
    }

    private static string Format(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "-";

    private static string Escape(string? error) => error is null ? "" : error.Replace("|", "\\|").Replace("\n", " ");
}
