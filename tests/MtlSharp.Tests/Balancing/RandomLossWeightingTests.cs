using MtlSharp.Balancing;
using TorchSharp;
using static MtlSharp.Tests.Balancing.BalancingTestSupport;

namespace MtlSharp.Tests.Balancing;

public sealed class RandomLossWeightingTests
{
    private static readonly double[] Losses = { 0.5, 2.0, 1.0 };

    [Fact]
    public void WeightsArePositiveAndSumToOne()
    {
        var rlw = new RandomLossWeighting();
        using var generator = new torch.Generator(7);

        for (int step = 0; step < 20; step++)
        {
            var (value, weights) = Evaluate(rlw, Losses, Context(MakeTasks(3), step, generator: generator));
            Assert.All(weights, w => Assert.True(w > 0, $"weight {w}"));
            Assert.Equal(1.0, weights.Sum(), 6);
            Assert.Equal(weights.Zip(Losses, (w, l) => w * l).Sum(), value, 6);
        }
    }

    [Fact]
    public void SameSeedRepeatsWeights()
    {
        double[][] first = Draw(seed: 3, steps: 5);
        double[][] second = Draw(seed: 3, steps: 5);

        for (int step = 0; step < 5; step++)
        {
            Assert.Equal(first[step], second[step]);
        }
    }

    [Fact]
    public void WeightsChangeEveryStep()
    {
        double[][] weights = Draw(seed: 3, steps: 2);

        Assert.NotEqual(weights[0], weights[1]);
    }

    [Fact]
    public void OtherSeedGivesOtherWeights()
    {
        Assert.NotEqual(Draw(seed: 3, steps: 1)[0], Draw(seed: 4, steps: 1)[0]);
    }

    private static double[][] Draw(ulong seed, int steps)
    {
        var rlw = new RandomLossWeighting();
        using var generator = new torch.Generator(seed);
        return Enumerable.Range(0, steps)
            .Select(step => Evaluate(rlw, Losses, Context(MakeTasks(3), step, generator: generator)).Weights)
            .ToArray();
    }
}
