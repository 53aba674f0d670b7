using MtlSharp.Balancing;
using MtlSharp.Training;
using TorchSharp;
using static MtlSharp.Tests.Balancing.BalancingTestSupport;

namespace MtlSharp.Tests.Balancing;

public sealed class FamoTests
{
    [Fact]
    public void EqualWeightsAtStart()
    {
        var (_, weights) = Evaluate(new Famo(2), new[] { 0.5, 2.0 }, Context(MakeTasks(2)));

        // z = [0.5, 0.5], c = 0.5/0.5 + 0.5/2 = 1.25: λ_i = z_i / (c L_i).
        Assert.Equal(0.8, weights[0], 6);
        Assert.Equal(0.2, weights[1], 6);
    }

    [Fact]
    public void TwoStepHandCase()
    {
        // Adam (lr 0.025, weight decay 0.001) on ξ with gradient z ⊙ (δ - zᵀδ), δ the decrease of the log losses.
        var famo = new Famo(2);

        Step(famo, 0, new[] { 1.0, 2.0 }, new[] { 0.8, 1.9 });
        Assert.Equal(-0.02499999418098175, famo.Logits[0], 12);
        Assert.Equal(0.024999994180981755, famo.Logits[1], 12);

        Step(famo, 1, new[] { 0.8, 1.9 }, new[] { 0.7, 1.85 });
        Assert.Equal(-0.049045911648605375, famo.Logits[0], 12);
        Assert.Equal(0.049045911648605375, famo.Logits[1], 12);
        Assert.Equal(0.4754966886092884, famo.TaskWeights[0], 12);

        var (_, weights) = Evaluate(famo, new[] { 0.5, 2.0 }, Context(MakeTasks(2)));
        Assert.Equal(0.7838427921283557, weights[0], 6);
        Assert.Equal(0.21615720787164427, weights[1], 6);
    }

    [Fact]
    public void FasterTaskLosesWeight()
    {
        var famo = new Famo(2);

        Step(famo, 0, new[] { 1.0, 1.0 }, new[] { 0.5, 0.99 });

        Assert.True(famo.TaskWeights[0] < famo.TaskWeights[1], "the task whose log loss fell more gets less weight");
    }

    [Fact]
    public void NonFiniteRecomputeSkipsUpdate()
    {
        var logger = new RecordingLogger();
        var famo = new Famo(2, logger: logger);

        Step(famo, 0, new[] { 1.0, 1.0 }, new[] { double.NaN, 0.5 });

        Assert.Equal(new[] { 0.0, 0.0 }, famo.Logits);
        Assert.NotEmpty(logger.Entries);
    }

    [Fact]
    public void StateSurvivesStepScopes()
    {
        var famo = new Famo(2);
        for (int step = 0; step < 3; step++)
        {
            using var scope = torch.NewDisposeScope();
            var losses = torch.tensor(new[] { 1.0 - 0.1 * step, 2.0 }, requires_grad: true);
            famo.Combine(losses, Context(MakeTasks(2), step)).backward();
            famo.AfterOptimizerStep(new StepFeedback(step, losses.detach(), () => torch.tensor(new[] { 0.9 - 0.1 * step, 1.95 })));
        }

        var (_, weights) = Evaluate(famo, new[] { 1.0, 1.0 }, Context(MakeTasks(2)));
        Assert.All(weights, w => Assert.True(double.IsFinite(w)));
        Assert.True(famo.TaskWeights[0] < 0.5);
    }

    private static void Step(Famo famo, long step, double[] before, double[] after)
    {
        using var scope = torch.NewDisposeScope();
        famo.AfterOptimizerStep(new StepFeedback(step, torch.tensor(before), () => torch.tensor(after)));
    }
}
