using MtlSharp.Solvers;
using MtlSharp.Training;

namespace MtlSharp.Aggregation;

/// <summary>Registry entries of the gradient aggregators.</summary>
/// <remarks>
/// MGDA-UB and Aligned-MTL-UB have no entries of their own: they are "mgda" and "aligned-mtl" run with
/// gradient mode Representation.
/// </remarks>
public static class AggregatorCatalog
{
    private static readonly GradientMode[] BothModes = { GradientMode.Parameters, GradientMode.Representation };

    /// <summary>Every gradient aggregator, in the order `mtl methods` lists them.</summary>
    public static IReadOnlyList<MethodDefinition> Definitions { get; } = new[]
    {
        new MethodDefinition(
            "mgda",
            MethodFamily.GradientAggregation,
            "Min-norm point of the convex hull of the normalized task gradients; in representation mode this is MGDA-UB.",
            "Sener and Koltun, Multi-Task Learning as Multi-Objective Optimization, NeurIPS 2018.",
            new[]
            {
                MethodOption.Choice("normalization", "loss+", "Scaling of each gradient before the min-norm problem: none, l2 (unit gradients), loss (divide by L_i) or loss+ (divide by L_i ‖g_i‖), the authors' default.", "none", "l2", "loss", "loss+"),
                MethodOption.Choice("solver", "projected-gradient", "Min-norm iteration for three or more tasks: projected-gradient (the authors' code) or frank-wolfe (the paper's Algorithm 2).", "projected-gradient", "frank-wolfe"),
                MethodOption.Integer("iterations", SimplexMinNorm.DefaultMaxIterations, "Iteration cap of the min-norm solver.", 1, 100000),
                MethodOption.Real("tolerance", SimplexMinNorm.DefaultTolerance, "Stop when the L1 change of the weights in one iteration is below this value.", 1e-15, 1),
                SolverFailures.Option,
            },
            (options, _) => new Mgda(
                options.GetChoice("normalization") switch
                {
                    "none" => MgdaNormalization.None,
                    "l2" => MgdaNormalization.L2,
                    "loss" => MgdaNormalization.Loss,
                    _ => MgdaNormalization.LossPlus,
                },
                options.GetChoice("solver") == "frank-wolfe" ? MinNormAlgorithm.FrankWolfe : MinNormAlgorithm.ProjectedGradient,
                options.GetInteger("iterations"),
                options.GetReal("tolerance"),
                SolverFailures.Read(options)),
            BothModes),

        new MethodDefinition(
            "pcgrad",
            MethodFamily.GradientAggregation,
            "Projects each task gradient off the gradients it conflicts with, in random order, and sums them.",
            "Yu et al., Gradient Surgery for Multi-Task Learning, NeurIPS 2020.",
            Array.Empty<MethodOption>(),
            (_, _) => new PCGrad(),
            BothModes),

        new MethodDefinition(
            "cagrad",
            MethodFamily.GradientAggregation,
            "Maximizes the worst task improvement within a ball around the mean gradient.",
            "Liu et al., Conflict-Averse Gradient Descent for Multi-task Learning, NeurIPS 2021.",
            new[]
            {
                MethodOption.Real("c", 0.4, "Radius of the ball around the mean gradient g0, relative to ‖g0‖; 0 gives the mean gradient.", 0, 100),
                SolverFailures.Option,
            },
            (options, _) => new CAGrad(options.GetReal("c"), SolverFailures.Read(options)),
            BothModes),

        new MethodDefinition(
            "graddrop",
            MethodFamily.GradientAggregation,
            "Keeps, per representation entry, the gradients of one sign chosen by their sign purity.",
            "Chen et al., Just Pick a Sign: Optimizing Deep Multitask Models with Gradient Sign Dropout, NeurIPS 2020.",
            new[]
            {
                MethodOption.Real("leak", 0.0, "Fraction of a dropped gradient that still passes.", 0, 1),
            },
            (options, _) => new GradDrop(options.GetReal("leak")),
            new[] { GradientMode.Representation }),

        new MethodDefinition(
            "gradvac",
            MethodFamily.GradientAggregation,
            "Raises the cosine between task gradients toward an adaptive target kept as a moving average.",
            "Wang et al., Gradient Vaccine: Investigating and Improving Multi-task Optimization in Massively Multilingual Models, ICLR 2021.",
            new[]
            {
                MethodOption.Real("beta", 0.01, "EMA rate of the cosine targets; 0.01 in the paper (LibMTL uses 0.5).", 1e-6, 1),
            },
            (options, _) => new GradVac(options.GetReal("beta")),
            BothModes),

        new MethodDefinition(
            "imtl-g",
            MethodFamily.GradientAggregation,
            "Weights summing to 1 that give the update equal projections on every unit task gradient.",
            "Liu et al., Towards Impartial Multi-task Learning, ICLR 2021.",
            new[] { SolverFailures.Option },
            (options, _) => new ImtlG(SolverFailures.Read(options)),
            BothModes),

        new MethodDefinition(
            "imtl",
            MethodFamily.GradientAggregation,
            "IMTL-G on the gradients of IMTL-L-scaled losses e^s L - s with learnable s.",
            "Liu et al., Towards Impartial Multi-task Learning, ICLR 2021.",
            new[] { SolverFailures.Option },
            (options, environment) => new Imtl(environment.Tasks.Count, SolverFailures.Read(options)),
            BothModes),

        new MethodDefinition(
            "nash-mtl",
            MethodFamily.GradientAggregation,
            "Nash bargaining weights: the positive solution of M α = 1/α on the normalized Gramian.",
            "Navon et al., Multi-Task Learning as a Bargaining Game, ICML 2022.",
            new[]
            {
                MethodOption.Integer("iterations", 20, "Iteration cap of the Newton solver of M α = 1/α.", 1, 10000),
                MethodOption.Real("max-norm", 1.0, "Largest norm of the update direction (the authors' gradient clipping); 0 disables it.", 0, 1e12),
                SolverFailures.Option,
            },
            (options, _) => new NashMtl(options.GetInteger("iterations"), options.GetReal("max-norm"), SolverFailures.Read(options)),
            BothModes),

        new MethodDefinition(
            "aligned-mtl",
            MethodFamily.GradientAggregation,
            "Aligns the principal components of the gradient matrix to a condition number of 1; in representation mode this is Aligned-MTL-UB.",
            "Senushkin et al., Independent Component Alignment for Multi-Task Learning, CVPR 2023.",
            new[] { SolverFailures.Option },
            (options, _) => new AlignedMtl(SolverFailures.Read(options)),
            BothModes),

        new MethodDefinition(
            "upgrad",
            MethodFamily.GradientAggregation,
            "Sums the projections of each task gradient onto the dual cone of all task gradients.",
            "Quinton and Rey, Jacobian Descent for Multi-Objective Optimization, 2024.",
            new[]
            {
                MethodOption.Real("regularization", 1e-4, "Multiple of the identity added to the trace-normalized Gramian.", 1e-12, 1),
                SolverFailures.Option,
            },
            (options, _) => new UPGrad(options.GetReal("regularization"), SolverFailures.Read(options)),
            BothModes),

        new MethodDefinition(
            "fairgrad",
            MethodFamily.GradientAggregation,
            "α-fair weights: the positive solution of M w = w^(-1/α).",
            "Ban and Ji, Fair Resource Allocation in Multi-Task Learning, ICML 2024.",
            new[]
            {
                MethodOption.Real("alpha", 2.0, "Fairness α: 1 is proportional fairness, larger values approach max-min fairness.", 1e-3, 1e3),
                MethodOption.Integer("iterations", 50, "Iteration cap of the Newton solver.", 1, 10000),
                SolverFailures.Option,
            },
            (options, _) => new FairGrad(options.GetReal("alpha"), options.GetInteger("iterations"), SolverFailures.Read(options)),
            BothModes),

        new MethodDefinition(
            "db-mtl",
            MethodFamily.GradientAggregation,
            "Gradients of log losses, averaged over steps and each scaled to the largest norm.",
            "Lin et al., Dual-Balancing for Multi-Task Learning, arXiv:2308.12029, 2023.",
            new[]
            {
                MethodOption.Real("beta", 0.9, "EMA rate of the per-task gradient averages; 0 uses the current gradients only.", 0, 0.999999),
            },
            (options, _) => new DbMtl(options.GetReal("beta")),
            new[] { GradientMode.Parameters }),

        new MethodDefinition(
            "gradnorm",
            MethodFamily.GradientAggregation,
            "Learns positive weights summing to K so that last-shared-layer gradient norms follow the relative training rates.",
            "Chen et al., GradNorm: Gradient Normalization for Adaptive Loss Balancing in Deep Multitask Networks, ICML 2018.",
            new[]
            {
                MethodOption.Real("alpha", 1.5, "Asymmetry α: how strongly slow tasks are pulled up.", 0, 100),
            },
            (options, environment) => new GradNorm(environment.Tasks.Count, options.GetReal("alpha")),
            BothModes),
    };
}
