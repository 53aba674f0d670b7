using System.Globalization;
using Microsoft.Extensions.Logging;
using MtlSharp.Training;

namespace MtlSharp.Aggregation;

/// <summary>Reports solver failures of aggregators: one counter per kind, a rate-limited warning, and an exception under <see cref="SolverFailurePolicy.Stop"/>.</summary>
internal static class SolverFailures
{
    /// <summary>Warnings logged per kind before only every 1000th occurrence is logged.</summary>
    private const int LoggedOccurrences = 10;

    /// <summary>The option every solver-based aggregator declares.</summary>
    public static MethodOption Option { get; } = MethodOption.Choice(
        "on-failure",
        "continue",
        "What to do when the solver does not converge or the Gramian is degenerate: 'continue' logs, counts and uses the method's documented fallback; 'stop' ends the run with an error.",
        "continue",
        "stop");

    /// <summary>Reads the on-failure option.</summary>
    public static SolverFailurePolicy Read(MethodOptions options) =>
        options.GetChoice("on-failure") == "stop" ? SolverFailurePolicy.Stop : SolverFailurePolicy.Continue;

    /// <summary>
    /// Counts <paramref name="kind"/> in the run diagnostics, logs a warning with the step, the reason and the
    /// residual, and throws under <see cref="SolverFailurePolicy.Stop"/>.
    /// </summary>
    /// <exception cref="SolverFailedException">The policy is <see cref="SolverFailurePolicy.Stop"/>.</exception>
    public static void Report(StepContext context, SolverFailurePolicy policy, string method, string kind, string reason, double residual, string fallback)
    {
        context.Diagnostics.Count(kind);
        long occurrence = context.Diagnostics.Counts.TryGetValue(kind, out long count) ? count : 1;
        string residualText = residual.ToString("G4", CultureInfo.InvariantCulture);

        if (policy == SolverFailurePolicy.Stop)
        {
            context.Logger.LogError(
                "{Method} solver failed at step {Step}: {Reason} (residual {Residual}); stopping because on-failure is 'stop'.",
                method,
                context.Step,
                reason,
                residualText);
            throw new SolverFailedException(
                $"{method} solver failed at step {context.Step}: {reason} (residual {residualText}). Set option on-failure=continue to use the fallback ({fallback}) instead.");
        }

        if (occurrence <= LoggedOccurrences || occurrence % 1000 == 0)
        {
            context.Logger.LogWarning(
                "{Method} solver failed at step {Step}: {Reason} (residual {Residual}); using {Fallback}. Occurrence {Occurrence} of '{Kind}' in this run.",
                method,
                context.Step,
                reason,
                residualText,
                fallback,
                occurrence,
                kind);
        }
    }
}
