using System.Collections.Concurrent;

namespace MtlSharp.Training;

/// <summary>
/// Events a run counts and reports in its result, such as solver failures. Methods report through the
/// step context; a report never changes what the method computes.
/// </summary>
public sealed class RunDiagnostics
{
    private readonly ConcurrentDictionary<string, long> counts = new();

    /// <summary>Count of each event kind so far.</summary>
    public IReadOnlyDictionary<string, long> Counts => counts;

    /// <summary>Adds one occurrence of <paramref name="kind"/> (for example "nash_mtl_solver_not_converged").</summary>
    public void Count(string kind) => counts.AddOrUpdate(kind, 1, (_, n) => n + 1);
}
