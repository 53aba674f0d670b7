using MtlSharp.Benchmarks.FashionDense;
using MtlSharp.Benchmarks.MultiFashion;

namespace MtlSharp.Benchmarks;

/// <summary>Every benchmark by name.</summary>
public static class BenchmarkRegistry
{
    /// <summary>All benchmarks.</summary>
    public static IReadOnlyList<IBenchmark> All { get; } = new IBenchmark[]
    {
        new MultiFashionBenchmark(),
        new FashionDenseBenchmark(),
    };

    /// <summary>Returns the benchmark named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No such benchmark; the message lists the valid names.</exception>
    public static IBenchmark Get(string name) =>
        All.FirstOrDefault(b => string.Equals(b.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown benchmark '{name}'. Valid benchmarks: {string.Join(", ", All.Select(b => b.Name))}.");
}
