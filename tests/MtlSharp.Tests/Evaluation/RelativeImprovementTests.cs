using MtlSharp.Evaluation;
using MtlSharp.Tasks;
using static MtlSharp.Tests.Evaluation.EvaluationFixtures;

namespace MtlSharp.Tests.Evaluation;

public sealed class RelativeImprovementTests
{
    private const MetricDirection Higher = MetricDirection.HigherIsBetter;
    private const MetricDirection Lower = MetricDirection.LowerIsBetter;

    [Fact]
    public void PercentAgainstBaseline()
    {
        // A higher-is-better metric from 0.40 to 0.44 is +10 percent, not +0.1.
        var tasks = new[] { Task("segmentation", ("mIoU", Higher)) };

        DeltaReport delta = RelativeImprovement.Compute(tasks, Metrics(("segmentation", "mIoU", 0.44)), Metrics(("segmentation", "mIoU", 0.40)));

        Assert.Equal(10.0, delta.DeltaP, 9);
        Assert.Equal(-10.0, delta.DeltaM, 9);
        Assert.Equal(10.0, delta.PerTask["segmentation"], 9);
    }

    [Fact]
    public void DirectionsOfOneTask()
    {
        // mIoU 0.40 -> 0.44 is +10 %, AbsErr 0.60 -> 0.57 is +5 % because lower is better.
        var tasks = new[] { Task("scene", ("mIoU", Higher), ("AbsErr", Lower)) };
        var baseline = Metrics(("scene", "mIoU", 0.40), ("scene", "AbsErr", 0.60));
        var result = Metrics(("scene", "mIoU", 0.44), ("scene", "AbsErr", 0.57));

        DeltaReport delta = RelativeImprovement.Compute(tasks, result, baseline);

        Assert.Equal(7.5, delta.DeltaP, 9);
        Assert.Equal(-7.5, delta.DeltaM, 9);
    }

    [Fact]
    public void DirectionsOfTwoTasks()
    {
        var tasks = new[] { Task("segmentation", ("mIoU", Higher)), Task("depth", ("AbsErr", Lower)) };
        var baseline = Metrics(("segmentation", "mIoU", 0.40), ("depth", "AbsErr", 0.60));
        var result = Metrics(("segmentation", "mIoU", 0.44), ("depth", "AbsErr", 0.57));

        DeltaReport delta = RelativeImprovement.Compute(tasks, result, baseline);

        Assert.Equal(7.5, delta.DeltaP, 9);
        Assert.Equal(-7.5, delta.DeltaM, 9);
        Assert.Equal(10.0, delta.PerTask["segmentation"], 9);
        Assert.Equal(5.0, delta.PerTask["depth"], 9);
    }

    [Fact]
    public void WorseLowerIsBetterMetricIsNegative()
    {
        var tasks = new[] { Task("depth", ("AbsErr", Lower)) };

        DeltaReport delta = RelativeImprovement.Compute(tasks, Metrics(("depth", "AbsErr", 0.66)), Metrics(("depth", "AbsErr", 0.60)));

        Assert.Equal(-10.0, delta.DeltaP, 9);
        Assert.Equal(10.0, delta.DeltaM, 9);
    }

    [Fact]
    public void PerTaskAverageDiffersFromPerMetric()
    {
        // Task a: Acc 0.50 -> 0.55 (+10 %), Err 1.0 -> 0.8 (+20 %), so a's Δp is +15.
        // Task b: Acc 0.80 -> 0.76 (-5 %). Δp = (15 - 5) / 2 = 5; Δm = -(10 + 20 - 5) / 3.
        var tasks = new[] { Task("a", ("Acc", Higher), ("Err", Lower)), Task("b", ("Acc", Higher)) };
        var baseline = Metrics(("a", "Acc", 0.50), ("a", "Err", 1.0), ("b", "Acc", 0.80));
        var result = Metrics(("a", "Acc", 0.55), ("a", "Err", 0.8), ("b", "Acc", 0.76));

        DeltaReport delta = RelativeImprovement.Compute(tasks, result, baseline);

        Assert.Equal(15.0, delta.PerTask["a"], 9);
        Assert.Equal(-5.0, delta.PerTask["b"], 9);
        Assert.Equal(5.0, delta.DeltaP, 9);
        Assert.Equal(-25.0 / 3, delta.DeltaM, 9);
    }

    [Fact]
    public void EqualResultIsZero()
    {
        var tasks = new[] { Task("a", ("Acc", Higher), ("Err", Lower)) };
        var metrics = Metrics(("a", "Acc", 0.7), ("a", "Err", 0.3));

        DeltaReport delta = RelativeImprovement.Compute(tasks, metrics, metrics);

        Assert.Equal(0.0, delta.DeltaP);
        Assert.Equal(0.0, delta.DeltaM);
    }

    [Fact]
    public void RejectsZeroBaseline()
    {
        var tasks = new[] { Task("a", ("Acc", Higher)) };

        var error = Assert.Throws<ArgumentException>(() => RelativeImprovement.Compute(tasks, Metrics(("a", "Acc", 0.5)), Metrics(("a", "Acc", 0.0))));

        Assert.Contains("a/Acc", error.Message);
    }

    [Fact]
    public void RejectsMissingBaselineMetric()
    {
        var tasks = new[] { Task("a", ("Acc", Higher), ("Err", Lower)) };
        var result = Metrics(("a", "Acc", 0.5), ("a", "Err", 0.5));

        var error = Assert.Throws<KeyNotFoundException>(() => RelativeImprovement.Compute(tasks, result, Metrics(("a", "Acc", 0.4))));

        Assert.Contains("Err", error.Message);
    }
}
