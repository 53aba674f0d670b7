namespace MtlSharp.Tests.Training;

/// <summary>
/// Tests that change or depend on process-wide state: environment variables, the global torch seed,
/// TorchSharp's per-thread tensor counts, or timing. They run alone, never in parallel with other tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalStateCollection
{
    public const string Name = "Global torch and environment state";
}
