using MtlSharp.Evaluation;
using MtlSharp.Tasks;
using MtlSharp.Training;
using static MtlSharp.Tests.Evaluation.EvaluationFixtures;

namespace MtlSharp.Tests.Evaluation;

public sealed class EpochSelectionTests
{
    // Against a baseline accuracy of 0.5, these test accuracies give test Δp of -2, +3 and -1 per epoch.
    private static readonly double[] TestAccuracies = { 0.49, 0.515, 0.495 };

    private static readonly TaskSpec[] Tasks = { Task("a", ("Acc", MetricDirection.HigherIsBetter)) };

    private static readonly BaselineSet Baselines = new("toy", Metrics(("a", "Acc", 0.5)), "test");

    [Fact]
    public void NoValidationReportsLastEpoch()
    {
        EpochRecord[] records = Records(validationScores: null);

        EpochSelection selection = EpochSelection.From(records, Tasks, Baselines, averageLast: 1);

        Assert.Null(selection.BestValidation);
        Assert.Same(selection.Last, selection.Primary);
        Assert.Equal(new[] { 2 }, selection.Last.Epochs);
        Assert.Equal(-1.0, selection.Last.Delta!.DeltaP, 9);
        Assert.Contains("No validation split", selection.Note);
    }

    [Fact]
    public void NoValidationNeverPicksBestTest()
    {
        EpochRecord[] records = Records(validationScores: null);

        EpochSelection selection = EpochSelection.From(records, Tasks, Baselines, averageLast: 3);

        Assert.NotEqual(3.0, selection.Primary.Delta!.DeltaP, 6);
        Assert.DoesNotContain(1, selection.Primary.Epochs);
    }

    [Fact]
    public void SelectsBestValidationEpoch()
    {
        EpochRecord[] records = Records(validationScores: new[] { 1.0, 0.0, 2.0 });

        EpochSelection selection = EpochSelection.From(records, Tasks, Baselines, averageLast: 1);

        Assert.NotNull(selection.BestValidation);
        Assert.Same(selection.BestValidation, selection.Primary);
        Assert.Equal(EpochSelection.BestValidationLabel, selection.BestValidation.Label);
        Assert.Equal(new[] { 2 }, selection.BestValidation.Epochs);
        Assert.Equal(-1.0, selection.BestValidation.Delta!.DeltaP, 9);
        Assert.Equal(0.495, selection.BestValidation.Test.Get("a", "Acc"), 12);
        Assert.Contains("Epoch 2 selected by validation Δp", selection.Note);
    }

    [Fact]
    public void SelectsEarlierEpochOnValidation()
    {
        EpochRecord[] records = Records(validationScores: new[] { 4.0, 0.0, 2.0 });

        EpochSelection selection = EpochSelection.From(records, Tasks, Baselines, averageLast: 1);

        Assert.Equal(new[] { 0 }, selection.BestValidation!.Epochs);
        Assert.Equal(-2.0, selection.BestValidation.Delta!.DeltaP, 9);
        Assert.Equal(new[] { 2 }, selection.Last.Epochs);
    }

    [Fact]
    public void WithoutBaselinesSaysCriterion()
    {
        EpochRecord[] records = Records(validationScores: new[] { 1.0, 0.0, 2.0 }, withBaselines: false);

        EpochSelection selection = EpochSelection.From(records, Tasks, baselines: null, averageLast: 1);

        Assert.Equal(new[] { 2 }, selection.BestValidation!.Epochs);
        Assert.Null(selection.BestValidation.Delta);
        Assert.Null(selection.MeanOfLast.Delta);
        Assert.Contains("no baselines", selection.Note);
    }

    [Fact]
    public void AveragesLastEpochs()
    {
        EpochRecord[] records = Records(validationScores: null);

        EpochSelection selection = EpochSelection.From(records, Tasks, Baselines, averageLast: 2);

        Assert.Equal("mean_last_2", selection.MeanOfLast.Label);
        Assert.Equal(new[] { 1, 2 }, selection.MeanOfLast.Epochs);
        Assert.Equal(0.505, selection.MeanOfLast.Test.Get("a", "Acc"), 12);
        Assert.Equal(1.0, selection.MeanOfLast.Delta!.DeltaP, 9);
    }

    [Fact]
    public void AverageClampsToRecordedEpochs()
    {
        EpochRecord[] records = Records(validationScores: null);

        EpochSelection selection = EpochSelection.From(records, Tasks, Baselines, averageLast: 10);

        Assert.Equal("mean_last_3", selection.MeanOfLast.Label);
        Assert.Equal(TestAccuracies.Average(), selection.MeanOfLast.Test.Get("a", "Acc"), 12);
    }

    [Fact]
    public void RejectsNoEpochs()
    {
        Assert.Throws<ArgumentException>(() => EpochSelection.From(Array.Empty<EpochRecord>(), Tasks, Baselines, averageLast: 1));
    }

    private static EpochRecord[] Records(double[]? validationScores, bool withBaselines = true) =>
        TestAccuracies.Select((accuracy, epoch) =>
        {
            TaskMetrics test = Metrics(("a", "Acc", accuracy));
            TaskMetrics? validation = validationScores is null ? null : Metrics(("a", "Acc", 0.5));
            return new EpochRecord(
                epoch,
                new[] { 1.0 },
                null,
                validation,
                test,
                null,
                withBaselines ? RelativeImprovement.Compute(Tasks, test, Baselines.Metrics) : null,
                validationScores?[epoch],
                1.0,
                100.0);
        }).ToArray();
}
