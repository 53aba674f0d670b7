using Microsoft.Extensions.Logging.Abstractions;
using MtlSharp.Aggregation;
using MtlSharp.Balancing;
using MtlSharp.Benchmarks.Toy;
using MtlSharp.Tests.Training;
using MtlSharp.Training;
using TorchSharp;

namespace MtlSharp.Tests.Benchmarks;

public sealed class ToyRunnerTests
{
    private static readonly ToyProblem Problem = new();

    [Theory]
    [InlineData(-8.5, -5.0)]
    [InlineData(9.0, 9.0)]
    [InlineData(0.0, -2.0)]
    public void EqualWeightingLowersMeanObjective(double x1, double x2)
    {
        ToyTrajectory trajectory = Run(new EqualWeighting(), GradientMode.Parameters, new ToyStart(x1, x2), iterations: 200);

        ToyPoint start = trajectory.Points[0];
        ToyPoint end = trajectory.End;
        Assert.False(trajectory.Diverged);
        Assert.True(end.F1 + end.F2 < start.F1 + start.F2 - 0.1, $"f1 + f2 went from {start.F1 + start.F2} to {end.F1 + end.F2}.");
    }

    [Theory]
    [InlineData(GradientMode.Parameters)]
    [InlineData(GradientMode.Representation)]
    public void SumOfRowsFollowsEqualWeighting(GradientMode mode)
    {
        var start = new ToyStart(-8.5, 7.5);

        ToyPoint balancer = Run(new EqualWeighting(), GradientMode.Parameters, start, iterations: 100).End;
        ToyPoint aggregator = Run(new WeightedRows(new[] { 1.0, 1.0 }), mode, start, iterations: 100).End;

        Assert.Equal(balancer.X1, aggregator.X1, 5);
        Assert.Equal(balancer.X2, aggregator.X2, 5);
    }

    [Fact]
    public void DifferentWeightsGiveDifferentPaths()
    {
        var start = new ToyStart(-8.5, -5);

        ToyPoint even = Run(new WeightedRows(new[] { 1.0, 1.0 }), GradientMode.Parameters, start, iterations: 300).End;
        ToyPoint skewed = Run(new WeightedRows(new[] { 1.0, 0.1 }), GradientMode.Parameters, start, iterations: 300).End;

        Assert.True(Math.Abs(even.X1 - skewed.X1) + Math.Abs(even.X2 - skewed.X2) > 0.1);
    }

    [Fact]
    public void RecordedPointsAreBounded()
    {
        ToyTrajectory trajectory = ToyRunner.Run(Problem, 0, new ToyStart(9, 9), new EqualWeighting(), GradientMode.Parameters, 101, 1e-3, 0, NullLogger.Instance, maxRecordedPoints: 10);

        Assert.InRange(trajectory.Points.Count, 2, 10);
        Assert.Equal(0, trajectory.Points[0].Iteration);
        Assert.Equal(9.0, trajectory.Points[0].X1);
        Assert.Equal(101, trajectory.End.Iteration);
    }

    [Fact]
    public void NonFiniteDirectionEndsAsDiverged()
    {
        ToyTrajectory trajectory = Run(new FixedDirection(new[] { float.NaN, 0f }), GradientMode.Parameters, new ToyStart(1, 1), iterations: 20);

        Assert.True(trajectory.Diverged);
        Assert.Equal(0, trajectory.End.Iteration);
        Assert.Equal(1.0, trajectory.End.X1);
    }

    [Fact]
    public void MethodParametersAreOptimized()
    {
        var method = new ScaledObjectives(new[] { 0.0, 0.0 });

        Run(method, GradientMode.Parameters, new ToyStart(9, 9), iterations: 10);

        double[] scales = method.Scales.data<double>().ToArray();
        Assert.NotEqual(0.0, scales[0]);
        Assert.NotEqual(0.0, scales[1]);
    }

    [Fact]
    public void RunAllUsesFreshMethodPerStart()
    {
        int created = 0;
        var setup = ToySetup.NashMtl with { Iterations = 5 };

        ToyRun run = ToyRunner.RunAll("ew", setup, () => { Interlocked.Increment(ref created); return new EqualWeighting(); }, GradientMode.Parameters, 0, NullLogger.Instance, maxParallelism: 2);

        Assert.Equal(5, created);
        Assert.Equal(5, run.Trajectories.Count);
        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, run.Trajectories.Select(t => t.StartIndex));
        Assert.Equal(0.6552363, run.Trajectories[0].Points[0].F1, 5);
    }

    [Fact]
    public void RunAllInParallelMatchesSequential()
    {
        var setup = ToySetup.NashMtl with { Iterations = 20, LearningRate = 1e-2 };

        ToyRun sequential = ToyRunner.RunAll("rows", setup, () => new WeightedRows(new[] { 1.0, 0.5 }), GradientMode.Parameters, 0, NullLogger.Instance, maxParallelism: 1);
        ToyRun parallel = ToyRunner.RunAll("rows", setup, () => new WeightedRows(new[] { 1.0, 0.5 }), GradientMode.Parameters, 0, NullLogger.Instance, maxParallelism: 3);

        for (int n = 0; n < setup.Starts.Count; n++)
        {
            Assert.Equal(sequential.Trajectories[n].End, parallel.Trajectories[n].End);
        }
    }

    [Fact]
    public void RunAllRethrowsMethodError()
    {
        var setup = ToySetup.CAGrad with { Iterations = 3 };

        var error = Assert.Throws<ArgumentException>(() =>
            ToyRunner.RunAll("rejecting", setup, () => new RejectingAggregator(), GradientMode.Parameters, 0, NullLogger.Instance, maxParallelism: 2));

        Assert.Contains("negative losses", error.Message);
    }

    [Fact]
    public void CountedEventsAreReported()
    {
        ToyTrajectory trajectory = Run(new CountingAggregator(), GradientMode.Parameters, new ToyStart(1, 1), iterations: 5);

        Assert.Equal(5, trajectory.Events["test_event"]);
    }

    // A learning rate of 0.01, ten times the published one, keeps these runs short.
    private static ToyTrajectory Run(IMultiTaskMethod method, GradientMode mode, ToyStart start, int iterations) =>
        ToyRunner.Run(Problem, 0, start, method, mode, iterations, 1e-2, 0, NullLogger.Instance);

    private sealed class RejectingAggregator : IGradientAggregator
    {
        public MtlSharp.Aggregation.Aggregation Aggregate(torch.Tensor jacobian, torch.Tensor losses, StepContext context) =>
            throw new ArgumentException("This test aggregator rejects negative losses.", nameof(losses));
    }

    private sealed class CountingAggregator : IGradientAggregator
    {
        public MtlSharp.Aggregation.Aggregation Aggregate(torch.Tensor jacobian, torch.Tensor losses, StepContext context)
        {
            context.Diagnostics.Count("test_event");
            return new MtlSharp.Aggregation.Aggregation(jacobian.sum(dim: 0), null);
        }
    }
}
