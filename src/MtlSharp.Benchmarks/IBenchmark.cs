using MtlSharp.Architectures;
using MtlSharp.Tasks;
using MtlSharp.Training;

namespace MtlSharp.Benchmarks;

/// <summary>A benchmark: its tasks, its data splits and its reference model.</summary>
public interface IBenchmark
{
    /// <summary>Command-line name (for example "multi-fashion").</summary>
    string Name { get; }

    /// <summary>One-line description.</summary>
    string Description { get; }

    /// <summary>Tasks in loss-vector order.</summary>
    IReadOnlyList<TaskSpec> Tasks { get; }

    /// <summary>Loads or generates the splits, deterministically from <see cref="BenchmarkSettings.Seed"/>.</summary>
    DataSplits Load(BenchmarkSettings settings);

    /// <summary>Builds the reference model with one output per task in <paramref name="tasks"/> (all tasks for MTL, one for STL).</summary>
    MultiTaskModel CreateModel(IReadOnlyList<int> tasks);
}
