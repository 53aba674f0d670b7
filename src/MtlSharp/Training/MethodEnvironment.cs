using Microsoft.Extensions.Logging;
using MtlSharp.Evaluation;
using MtlSharp.Tasks;

namespace MtlSharp.Training;

/// <summary>What a method factory may use when it builds a method for one run.</summary>
/// <param name="Tasks">The run's tasks, in loss-vector order.</param>
/// <param name="Baselines">STL baselines, or null when none were found; methods that need them raise an error.</param>
/// <param name="Seed">The run's seed.</param>
/// <param name="Logger">Logger for warnings and solver reports.</param>
public sealed record MethodEnvironment(IReadOnlyList<TaskSpec> Tasks, BaselineSet? Baselines, int Seed, ILogger Logger);
