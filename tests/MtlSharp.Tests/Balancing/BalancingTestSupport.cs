using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MtlSharp.Evaluation;
using MtlSharp.Tasks;
using MtlSharp.Training;
using TorchSharp;

namespace MtlSharp.Tests.Balancing;

/// <summary>Tasks, contexts and loss vectors shared by the balancer tests.</summary>
internal static class BalancingTestSupport
{
    public static IReadOnlyList<TaskSpec> MakeTasks(int count) =>
        Enumerable.Range(0, count).Select(i => ClassificationTask.Create($"task{i}")).ToArray();

    public static TaskSpec ErrorTask(string name) => new(
        name,
        new[] { new MetricSpec("MAE", MetricDirection.LowerIsBetter) },
        "MAE",
        (output, target) => (output - target).abs().mean(),
        () => throw new NotSupportedException("Metrics are not computed in these tests."));

    public static StepContext Context(IReadOnlyList<TaskSpec> tasks, long step = 0, int epoch = 0, torch.Generator? generator = null, ILogger? logger = null, RunDiagnostics? diagnostics = null) =>
        new(step, epoch, tasks, generator ?? new torch.Generator(0), logger ?? NullLogger.Instance, diagnostics ?? new RunDiagnostics());

    /// <summary>Returns the value of the balancer's objective and λ = ∂Combine/∂L on the loss vector <paramref name="values"/>.</summary>
    public static (double Value, double[] Weights) Evaluate(MtlSharp.Balancing.ILossBalancer balancer, double[] values, StepContext context)
    {
        using var scope = torch.NewDisposeScope();
        var losses = torch.tensor(values, dtype: torch.float64, requires_grad: true);
        var combined = balancer.Combine(losses, context);
        var gradient = torch.autograd.grad(new[] { combined }, new[] { losses })[0];
        return (combined.item<double>(), gradient.data<double>().ToArray());
    }

    public static TaskMetrics Metrics(IReadOnlyList<TaskSpec> tasks, params double[] kpis) =>
        new(tasks.Select((t, i) => (t, i)).ToDictionary(p => p.t.Name, p => (IReadOnlyDictionary<string, double>)new Dictionary<string, double> { [p.t.Kpi] = kpis[p.i] }));

    public static BaselineSet Baselines(IReadOnlyList<TaskSpec> tasks, params double[] kpis) =>
        new("test", Metrics(tasks, kpis), "made-up baselines for tests");

    public static EpochReport Report(IReadOnlyList<TaskSpec> tasks, int epoch, double[] trainingLosses, TaskMetrics? validation = null) =>
        new(epoch, tasks, trainingLosses, validation);
}

/// <summary>Records every log entry.</summary>
internal sealed class RecordingLogger : ILogger
{
    public List<(LogLevel Level, string Message)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Add((logLevel, formatter(state, exception)));
}
