using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using MtlSharp.Training;
using TorchSharp;

namespace MtlSharp.Benchmarks.Toy;

/// <summary>
/// Optimizes the toy problem from a start point with any multi-task method, through the same backward
/// passes the trainer uses, so loss balancers and gradient aggregators both work.
/// </summary>
/// <remarks>
/// The data set is one sample and one batch, so every iteration is one epoch: methods see
/// <see cref="IMultiTaskMethod.OnEpochEnd"/> after every optimizer step, with that step's losses and no
/// validation metrics. Method parameters are optimized by the same Adam optimizer as the point, as in
/// the Nash-MTL authors' toy trainer, which puts them in a second parameter group.
/// </remarks>
public static class ToyRunner
{
    /// <summary>Upper bound on the points kept per trajectory; longer runs keep every k-th point.</summary>
    public const int DefaultMaxRecordedPoints = 2000;

    /// <summary>
    /// Runs <paramref name="createMethod"/>'s method from every start of <paramref name="setup"/>, a fresh
    /// method per start. Starts run in parallel on up to <paramref name="maxParallelism"/> threads; each run
    /// has its own model, optimizer, method and generator, so the result does not depend on the thread count.
    /// </summary>
    /// <param name="methodName">Name used in the result and in log lines.</param>
    /// <param name="setup">Scale of f1, start points, iterations and learning rate.</param>
    /// <param name="createMethod">Creates a fresh method; called once per start, possibly from several threads at once.</param>
    /// <param name="mode">Gradient mode of gradient aggregators.</param>
    /// <param name="seed">Seed of the method's random generator.</param>
    /// <param name="logger">Logger for warnings of methods and of diverged runs.</param>
    /// <param name="maxParallelism">Maximum number of starts run at once.</param>
    /// <param name="maxRecordedPoints">Maximum number of points kept per trajectory.</param>
    public static ToyRun RunAll(
        string methodName,
        ToySetup setup,
        Func<IMultiTaskMethod> createMethod,
        GradientMode mode,
        int seed,
        ILogger logger,
        int maxParallelism = 1,
        int maxRecordedPoints = DefaultMaxRecordedPoints)
    {
        setup.Validate();
        if (maxParallelism < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxParallelism), maxParallelism, "At least one start must run at a time.");
        }

        var problem = new ToyProblem(setup.FirstObjectiveScale);
        var trajectories = new ToyTrajectory[setup.Starts.Count];
        try
        {
            Parallel.For(0, setup.Starts.Count, new ParallelOptions { MaxDegreeOfParallelism = maxParallelism }, n =>
            {
                trajectories[n] = Run(problem, n, setup.Starts[n], createMethod(), mode, setup.Iterations, setup.LearningRate, seed, logger, maxRecordedPoints);
            });
        }
        catch (AggregateException error)
        {
            // Rethrow the first failure with its own type, so callers can catch a method's ArgumentException.
            ExceptionDispatchInfo.Capture(error.InnerExceptions[0]).Throw();
        }

        foreach (ToyTrajectory trajectory in trajectories.Where(t => t.Diverged))
        {
            logger.LogWarning(
                "Method {Method} diverged on the toy problem from start {Start} ({X1}, {X2}) after {Iterations} iterations.",
                methodName,
                trajectory.StartIndex,
                trajectory.Start.X1,
                trajectory.Start.X2,
                trajectory.End.Iteration);
        }

        return new ToyRun(methodName, trajectories);
    }

    /// <summary>Runs <paramref name="iterations"/> Adam steps of <paramref name="method"/> from <paramref name="start"/>.</summary>
    public static ToyTrajectory Run(
        ToyProblem problem,
        int startIndex,
        ToyStart start,
        IMultiTaskMethod method,
        GradientMode mode,
        int iterations,
        double learningRate,
        int seed,
        ILogger logger,
        int maxRecordedPoints = DefaultMaxRecordedPoints)
    {
        if (iterations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(iterations), iterations, "Iterations must be at least 1.");
        }

        if (maxRecordedPoints < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(maxRecordedPoints), maxRecordedPoints, "At least 2 points (start and end) must be recorded.");
        }

        using var model = new ToyModel(problem, start.X1, start.X2);
        IReadOnlyList<Tasks.TaskSpec> tasks = ToyTasks.All;
        IBackwardPass backward = BackwardPass.For(method, mode);
        using torch.optim.Optimizer optimizer = torch.optim.Adam(model.parameters().Concat(method.Parameters), learningRate);
        using var generator = new torch.Generator(unchecked((ulong)seed * 2654435761UL + 2));
        using torch.Tensor input = torch.zeros(1, 0);
        torch.Tensor[] targets = { torch.zeros(1), torch.zeros(1) };
        var diagnostics = new RunDiagnostics();

        int recordEvery = (int)Math.Ceiling(iterations / (double)(maxRecordedPoints - 1));
        var points = new List<ToyPoint> { Record(problem, 0, start.X1, start.X2) };
        (int Iteration, double X1, double X2) last = (0, start.X1, start.X2);
        bool diverged = false;

        for (int step = 0; step < iterations; step++)
        {
            using var scope = torch.NewDisposeScope();
            var context = new StepContext(step, step, tasks, generator, logger, diagnostics);

            optimizer.zero_grad();
            StepOutcome outcome = backward.Run(model, input, targets, context);
            double[] losses = outcome.Losses.to_type(torch.float64).data<double>().ToArray();
            if (losses.Any(l => !double.IsFinite(l)))
            {
                diverged = true;
                break;
            }

            optimizer.step();
            method.AfterOptimizerStep(new StepFeedback(step, outcome.Losses, () => RecomputeLosses(model, tasks, input, targets)));
            method.OnEpochEnd(new EpochReport(step, tasks, losses, null));

            float[] x = model.Point.data<float>().ToArray();
            if (!float.IsFinite(x[0]) || !float.IsFinite(x[1]))
            {
                diverged = true;
                break;
            }

            last = (step + 1, x[0], x[1]);
            if (last.Iteration % recordEvery == 0)
            {
                points.Add(Record(problem, last.Iteration, last.X1, last.X2));
            }
        }

        // The end point is the last finite one, whether or not it fell on the recording interval.
        if (points[^1].Iteration != last.Iteration)
        {
            points.Add(Record(problem, last.Iteration, last.X1, last.X2));
        }

        foreach (torch.Tensor target in targets)
        {
            target.Dispose();
        }

        return new ToyTrajectory(startIndex, start, points, diverged, new Dictionary<string, long>(diagnostics.Counts));
    }

    private static ToyPoint Record(ToyProblem problem, int iteration, double x1, double x2)
    {
        (double f1, double f2) = problem.Evaluate(x1, x2);
        return new ToyPoint(iteration, x1, x2, f1, f2);
    }

    private static torch.Tensor RecomputeLosses(ToyModel model, IReadOnlyList<Tasks.TaskSpec> tasks, torch.Tensor input, IReadOnlyList<torch.Tensor> targets)
    {
        using (torch.no_grad())
        {
            return TaskLosses.Compute(tasks, model.Decode(model.Encode(input)), targets);
        }
    }
}
