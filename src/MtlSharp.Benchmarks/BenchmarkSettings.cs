namespace MtlSharp.Benchmarks;

/// <summary>Where a benchmark finds its data and how much of it to use.</summary>
/// <param name="DataRoot">Data folder given on the command line, or null to use the environment variable or the default location.</param>
/// <param name="Seed">Seed of every random choice in data generation and the validation hold-out.</param>
/// <param name="TrainSize">Number of training samples to use, or null for all; the validation split keeps its full size.</param>
/// <param name="TestSize">Number of test samples to use, or null for all.</param>
public sealed record BenchmarkSettings(string? DataRoot, int Seed, int? TrainSize = null, int? TestSize = null);
