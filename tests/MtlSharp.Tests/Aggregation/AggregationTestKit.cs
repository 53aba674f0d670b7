using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MtlSharp.Tasks;
using MtlSharp.Training;
using TorchSharp;

namespace MtlSharp.Tests.Aggregation;

/// <summary>Step contexts, seeded Jacobians and a recording logger for aggregator tests.</summary>
internal static class AggregationTestKit
{
    public static StepContext Context(int taskCount, ulong seed = 7, RunDiagnostics? diagnostics = null, ILogger? logger = null, JacobianLayout? layout = null, long step = 0) =>
        new(
            step,
            0,
            Enumerable.Range(0, taskCount).Select(i => ClassificationTask.Create($"task{i}")).ToArray(),
            new torch.Generator(seed),
            logger ?? NullLogger.Instance,
            diagnostics ?? new RunDiagnostics(),
            layout);

    public static torch.Tensor Rows(params float[][] rows)
    {
        int columns = rows[0].Length;
        return torch.tensor(rows.SelectMany(r => r).ToArray(), new long[] { rows.Length, columns });
    }

    /// <summary>A float32 Jacobian [K, P] of the given rank whose largest row norm is <paramref name="scale"/>.</summary>
    public static torch.Tensor Jacobian(int taskCount, int columns, int rank, double scale, ulong seed)
    {
        using var generator = new torch.Generator(seed);
        using torch.Tensor left = torch.randn(new long[] { taskCount, rank }, torch.float64, generator: generator);
        using torch.Tensor right = torch.randn(new long[] { rank, columns }, torch.float64, generator: generator);
        using torch.Tensor product = left.matmul(right);
        double largest = torch.linalg.vector_norm(product, dims: new long[] { 1 }).max().item<double>();
        return (product * (scale / largest)).to_type(torch.float32);
    }

    /// <summary>Positive losses [K] in [0.5, 2.5).</summary>
    public static torch.Tensor Losses(int taskCount, ulong seed)
    {
        using var generator = new torch.Generator(seed + 1000);
        return torch.rand(new long[] { taskCount }, torch.float32, generator: generator) * 2 + 0.5f;
    }

    public static double[] Values(torch.Tensor tensor) => tensor.detach().to_type(torch.float64).data<double>().ToArray();

    public static double[] RowNorms(torch.Tensor jacobian) =>
        Values(torch.linalg.vector_norm(jacobian.to_type(torch.float64), dims: new long[] { 1 }));

    public static double Norm(double[] vector) => Math.Sqrt(vector.Sum(v => v * v));

    public static double Dot(double[] x, double[] y) => x.Zip(y, (a, b) => a * b).Sum();

    public static double[] Row(torch.Tensor jacobian, int row) => Values(jacobian[row]);
}

/// <summary>A logger that keeps every formatted message, for checks on solver reports.</summary>
internal sealed class RecordingLogger : ILogger
{
    public List<(LogLevel Level, string Message)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Add((logLevel, formatter(state, exception)));
}
