using MtlSharp.Benchmarks;
using MtlSharp.Benchmarks.MultiFashion;
using MtlSharp.Training;
using TorchSharp;

namespace MtlSharp.Tests.Training;

/// <summary>
/// A real multi-fashion subset, loaded once per test class: 6,000 training samples, the 6,000-sample
/// validation split and 1,000 test samples, seed 0. Needs Fashion-MNIST installed (dataset-fashion-mnist).
/// </summary>
public sealed class MultiFashionSubset : IDisposable
{
    public MultiFashionSubset()
    {
        Splits = Benchmark.Load(new BenchmarkSettings(null, Seed: 0, TrainSize: 6000, TestSize: 1000));
    }

    public MultiFashionBenchmark Benchmark { get; } = new();

    public DataSplits Splits { get; }

    /// <summary>Returns splits made of the first samples of each split; the caller disposes them.</summary>
    public DataSplits Take(int train, int? validation, int test) => new(
        First(Splits.Train, train),
        validation is int count ? First(Splits.Validation!, count) : null,
        First(Splits.Test, test));

    public void Dispose() => Splits.Dispose();

    private static MultiTaskDataset First(MultiTaskDataset data, int count) =>
        new(CopyFirst(data.Inputs, count), data.Targets.Select(t => CopyFirst(t, count)).ToArray());

    private static torch.Tensor CopyFirst(torch.Tensor tensor, int count)
    {
        using torch.Tensor view = tensor.narrow(0, 0, count);
        return view.clone();
    }
}
