using TorchSharp;

namespace MtlSharp.Aggregation;

/// <summary>Result of a gradient aggregator for one step.</summary>
/// <param name="Direction">Update direction [P], written to the shared parameters' gradients.</param>
/// <param name="Weights">Task weights [K] when the direction is Σ_i w_i g_i, else null.</param>
public sealed record Aggregation(torch.Tensor Direction, torch.Tensor? Weights);
