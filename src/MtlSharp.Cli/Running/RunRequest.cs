using MtlSharp.Benchmarks;
using MtlSharp.Training;

namespace MtlSharp.Cli.Running;

/// <summary>A fully resolved training request: benchmark, method with validated options, schedule and paths.</summary>
/// <param name="Benchmark">The benchmark.</param>
/// <param name="Method">The registered method.</param>
/// <param name="MethodOptions">Validated method options, defaults included.</param>
/// <param name="Trainer">Schedule, optimizer, seed and gradient mode.</param>
/// <param name="Data">Data folder, seed and subset sizes.</param>
/// <param name="OutputFolder">Run folder.</param>
/// <param name="BaselinesPath">Baselines file read by MTL methods and written by STL.</param>
/// <param name="Threads">Intra-op thread count, or null for TorchSharp's default.</param>
/// <param name="ShowProgress">Whether to draw a progress bar.</param>
public sealed record RunRequest(
    IBenchmark Benchmark,
    MethodDefinition Method,
    MethodOptions MethodOptions,
    TrainerOptions Trainer,
    BenchmarkSettings Data,
    string OutputFolder,
    string BaselinesPath,
    int? Threads,
    bool ShowProgress);
