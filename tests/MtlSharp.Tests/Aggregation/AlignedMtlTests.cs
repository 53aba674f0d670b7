using MtlSharp.Aggregation;
using MtlSharp.Training;
using TorchSharp;
using static MtlSharp.Tests.Aggregation.AggregationTestKit;
using static MtlSharp.Tests.Aggregation.ImtlGTests;

namespace MtlSharp.Tests.Aggregation;

public sealed class AlignedMtlTests
{
    [Fact]
    public void AlignedComponentsHaveEqualNorms()
    {
        using torch.Tensor jacobian = Jacobian(3, 10, 3, 1, 4);

        var result = new AlignedMtl().Aggregate(jacobian, torch.ones(3), Context(3));

        // d = Gᵀ B 1 with B = sqrt(λ_min) V Λ^(-1/2) Vᵀ: the aligned matrix B G has singular values all sqrt(λ_min).
        torch.Tensor rows = jacobian.to_type(torch.float64);
        var (lambda, vectors) = torch.linalg.eigh(rows.mm(rows.t()));
        torch.Tensor b = lambda.min().sqrt() * vectors.mm(torch.diag(lambda.rsqrt())).mm(vectors.t());
        double[] singular = Values(torch.linalg.svdvals(b.mm(rows)));
        Assert.All(singular, s => Assert.Equal(Math.Sqrt(Values(lambda).Min()), s, 5));
        AssertClose(Values(b.sum(dim: 0)), Values(result.Weights!), 1e-6);
    }

    [Fact]
    public void HugeScaleKeepsWeights()
    {
        using torch.Tensor jacobian = Rows(new[] { 1f, 0 }, new[] { 0f, 2 });
        using torch.Tensor huge = Rows(new[] { 1e20f, 0 }, new[] { 0f, 2e20f });

        double[] weights = Values(new AlignedMtl().Aggregate(jacobian, torch.ones(2), Context(2)).Weights!);
        double[] hugeWeights = Values(new AlignedMtl().Aggregate(huge, torch.ones(2), Context(2)).Weights!);

        AssertClose(new[] { 1.0, 0.5 }, weights, 1e-9);
        AssertClose(weights, hugeWeights, 1e-9);
    }

    [Fact]
    public void IdenticalRowsAreReportedAndFinite()
    {
        using torch.Tensor jacobian = Rows(new[] { 1f, 0 }, new[] { 1f, 0 });
        var diagnostics = new RunDiagnostics();

        var result = new AlignedMtl().Aggregate(jacobian, torch.ones(2), Context(2, diagnostics: diagnostics));

        AssertClose(new[] { 1.0, 1.0 }, Values(result.Weights!), 1e-9);
        Assert.Equal(1, diagnostics.Counts["aligned_mtl_rank_deficient"]);
    }
}
