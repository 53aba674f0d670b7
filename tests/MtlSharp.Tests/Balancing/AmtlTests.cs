using MtlSharp.Balancing;
using MtlSharp.Training;
using static MtlSharp.Tests.Balancing.BalancingTestSupport;

namespace MtlSharp.Tests.Balancing;

public sealed class AmtlTests
{
    [Fact]
    public void EqualWeightsBeforeFirstEvaluation()
    {
        var tasks = MakeTasks(2);
        var amtl = new Amtl(tasks, Baselines(tasks, 0.8, 0.5));

        Assert.Equal(new[] { 0.5, 0.5 }, amtl.Weights);
    }

    [Fact]
    public void SumNormalizationHandCase()
    {
        // Potentials 0.84 and 0.525; focal weights (1 - 0.6/0.84)² = 0.081633 and (1 - 0.45/0.525)² = 0.020408.
        var tasks = MakeTasks(2);
        var amtl = new Amtl(tasks, Baselines(tasks, 0.8, 0.5), normalization: AchievementNormalization.Sum);
        amtl.OnEpochEnd(Report(tasks, 0, new[] { 1.0, 1.0 }, Metrics(tasks, 0.6, 0.45)));

        Assert.Equal(0.8, amtl.Weights[0], 10);
        Assert.Equal(0.2, amtl.Weights[1], 10);
    }

    [Fact]
    public void SoftmaxNormalizationHandCase()
    {
        var tasks = MakeTasks(2);
        var amtl = new Amtl(tasks, Baselines(tasks, 0.8, 0.5));
        amtl.OnEpochEnd(Report(tasks, 0, new[] { 1.0, 1.0 }, Metrics(tasks, 0.6, 0.45)));

        Assert.Equal(0.5153013430693818, amtl.Weights[0], 10);
        Assert.Equal(0.4846986569306181, amtl.Weights[1], 10);
    }

    [Fact]
    public void KpiMovingAverage()
    {
        // κ = 0.1·[0.7, 0.5] + 0.9·[0.6, 0.45] = [0.61, 0.455].
        var tasks = MakeTasks(2);
        var amtl = new Amtl(tasks, Baselines(tasks, 0.8, 0.5), normalization: AchievementNormalization.Sum);
        amtl.OnEpochEnd(Report(tasks, 0, new[] { 1.0, 1.0 }, Metrics(tasks, 0.6, 0.45)));
        amtl.OnEpochEnd(Report(tasks, 1, new[] { 1.0, 1.0 }, Metrics(tasks, 0.7, 0.5)));

        Assert.Equal(0.8083246745308968, amtl.Weights[0], 10);
        Assert.Equal(0.19167532546910315, amtl.Weights[1], 10);
    }

    [Fact]
    public void GeometricFormGradient()
    {
        // w = [0.8, 0.2], L = [4, 1]: value 4^0.8 and λ_i = w_i M / L_i.
        var tasks = MakeTasks(2);
        var amtl = new Amtl(tasks, Baselines(tasks, 0.8, 0.5), normalization: AchievementNormalization.Sum);
        amtl.OnEpochEnd(Report(tasks, 0, new[] { 1.0, 1.0 }, Metrics(tasks, 0.6, 0.45)));

        var (value, weights) = Evaluate(amtl, new[] { 4.0, 1.0 }, Context(tasks));

        Assert.Equal(3.0314331330207964, value, 10);
        Assert.Equal(0.6062866266041593, weights[0], 10);
        Assert.Equal(0.6062866266041593, weights[1], 10);
    }

    [Fact]
    public void ArithmeticFormGradient()
    {
        var tasks = MakeTasks(2);
        var amtl = new Amtl(tasks, Baselines(tasks, 0.8, 0.5), AmtlForm.Arithmetic, AchievementNormalization.Sum);
        amtl.OnEpochEnd(Report(tasks, 0, new[] { 1.0, 1.0 }, Metrics(tasks, 0.6, 0.45)));

        var (value, weights) = Evaluate(amtl, new[] { 4.0, 1.0 }, Context(tasks));

        Assert.Equal(3.4, value, 10);
        Assert.Equal(0.8, weights[0], 10);
        Assert.Equal(0.2, weights[1], 10);
    }

    [Fact]
    public void LowerIsBetterUsesInverseAchievement()
    {
        // Potentials 2/1.05 and 1/1.05; achievements P/κ = 0.476190 and 0.865801.
        var tasks = new[] { ErrorTask("energy"), ErrorTask("dipole") };
        var amtl = new Amtl(tasks, Baselines(tasks, 2.0, 1.0), normalization: AchievementNormalization.Sum);
        amtl.OnEpochEnd(Report(tasks, 0, new[] { 1.0, 1.0 }, Metrics(tasks, 4.0, 1.1)));

        Assert.Equal(2 / 1.05, new AchievementWeights(tasks, Baselines(tasks, 2.0, 1.0)).Potentials[0], 12);
        Assert.Equal(0.9384053326496602, amtl.Weights[0], 10);
        Assert.Equal(0.06159466735033981, amtl.Weights[1], 10);
    }

    [Fact]
    public void TaskPastPotentialGetsZeroFocalWeight()
    {
        var tasks = MakeTasks(2);
        var amtl = new Amtl(tasks, Baselines(tasks, 0.8, 0.5), normalization: AchievementNormalization.Sum);
        amtl.OnEpochEnd(Report(tasks, 0, new[] { 1.0, 1.0 }, Metrics(tasks, 0.95, 0.45)));

        Assert.Equal(0.0, amtl.Weights[0]);
        Assert.Equal(1.0, amtl.Weights[1]);
    }

    [Fact]
    public void NoValidationSplitRaises()
    {
        var tasks = MakeTasks(2);
        var amtl = new Amtl(tasks, Baselines(tasks, 0.8, 0.5));

        var error = Assert.Throws<InvalidOperationException>(() => amtl.OnEpochEnd(Report(tasks, 0, new[] { 1.0, 1.0 })));
        Assert.Contains("no validation split", error.Message);
    }

    [Fact]
    public void MissingBaselinesRaiseAtCreation()
    {
        var tasks = MakeTasks(2);
        var definition = MethodRegistry.Get("amtl");
        var environment = new MethodEnvironment(tasks, null, 0, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        var error = Assert.Throws<InvalidOperationException>(() => definition.Create(MethodOptions.Resolve(definition, new Dictionary<string, string>()), environment));
        Assert.True(definition.NeedsBaselines);
        Assert.Contains("'task0'", error.Message);
        Assert.Contains("'task1'", error.Message);
        Assert.Contains("mtl train --method stl", error.Message);
    }

    [Fact]
    public void BaselineWithoutTaskRaises()
    {
        var tasks = MakeTasks(2);
        var baselines = Baselines(MakeTasks(1), 0.8);

        var error = Assert.Throws<ArgumentException>(() => new Amtl(tasks, baselines));
        Assert.Contains("'task1'", error.Message);
    }
}
