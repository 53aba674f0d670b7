using Microsoft.Extensions.Logging;
using MtlSharp.Tasks;
using TorchSharp;

namespace MtlSharp.Training;

/// <summary>Per-step information given to a method.</summary>
/// <param name="Step">Zero-based global step index.</param>
/// <param name="Epoch">Zero-based epoch index.</param>
/// <param name="Tasks">The run's tasks, in loss-vector order.</param>
/// <param name="Generator">Random generator derived from the run's seed, for methods that sample (RLW, PCGrad's task order).</param>
/// <param name="Logger">Logger for solver reports and warnings.</param>
/// <param name="Diagnostics">Counters of solver failures and other events, reported in the run result.</param>
/// <param name="Layout">Column blocks of the Jacobian in parameter mode, set by the gradient engine; null for loss balancers and representation mode.</param>
public sealed record StepContext(
    long Step,
    int Epoch,
    IReadOnlyList<TaskSpec> Tasks,
    torch.Generator Generator,
    ILogger Logger,
    RunDiagnostics Diagnostics,
    JacobianLayout? Layout = null);
