using MtlSharp.Training;

namespace MtlSharp.Balancing;

/// <summary>Registry entries of the loss balancers.</summary>
public static class BalancerCatalog
{
    private static readonly GradientMode[] NoModes = Array.Empty<GradientMode>();

    /// <summary>Every loss balancer, in the order `mtl methods` lists them.</summary>
    public static IReadOnlyList<MethodDefinition> Definitions { get; } = new[]
    {
        new MethodDefinition(
            "ew",
            MethodFamily.LossBalancing,
            "Equal weighting: the sum of task losses.",
            "Kurin et al., In Defense of the Unitary Scalarization for Deep Multi-Task Learning, NeurIPS 2022.",
            Array.Empty<MethodOption>(),
            (_, _) => new EqualWeighting(),
            NoModes),

        new MethodDefinition(
            "gem",
            MethodFamily.LossBalancing,
            "Generalized mean of the task losses, ((1/K) Σ L_i^p)^(1/p). p = 0 is GLS, p = 1 the mean loss.",
            "Generalizes Chennupati et al., MultiNet++: Multi-Stream Feature Aggregation and Geometric Loss Strategy for Multi-Task Learning, CVPRW 2019.",
            new[] { PowerOption(0, "Exponent p of the mean: 0 geometric (scale-invariant), 1 arithmetic, -1 harmonic, large p towards the maximum loss.") },
            (options, _) => new GeM(options.GetReal("p")),
            NoModes),

        new MethodDefinition(
            "gls",
            MethodFamily.LossBalancing,
            "Geometric loss strategy: the geometric mean of the task losses, (Π L_i)^(1/K) (GeM with p = 0).",
            "Chennupati et al., MultiNet++: Multi-Stream Feature Aggregation and Geometric Loss Strategy for Multi-Task Learning, CVPRW 2019.",
            Array.Empty<MethodOption>(),
            (_, _) => new GeM(0),
            NoModes),

        new MethodDefinition(
            "uw",
            MethodFamily.LossBalancing,
            "Uncertainty weighting: Σ ½ (exp(-s_i) L_i + s_i) with learnable log variances s_i.",
            "Kendall, Gal and Cipolla, Multi-Task Learning Using Uncertainty to Weigh Losses for Scene Geometry and Semantics, CVPR 2018.",
            new[]
            {
                MethodOption.Real("init", 0, "Initial log variance s_i (0 gives weight 1/2).", -30, 30),
                MethodOption.Real("min-log-variance", -10, "Lower bound of s_i. It caps the weight exp(-s_i)/2 when a loss nears 0.", -30, 0),
            },
            (options, environment) => new UncertaintyWeighting(environment.Tasks.Count, options.GetReal("init"), options.GetReal("min-log-variance")),
            NoModes),

        new MethodDefinition(
            "dwa",
            MethodFamily.LossBalancing,
            "Dynamic weight average: K softmax of the ratios of the last two epoch-mean losses over T.",
            "Liu, Johns and Davison, End-to-End Multi-Task Learning with Attention, CVPR 2019.",
            new[] { MethodOption.Real("temperature", 2, "Softmax temperature T. Larger values give weights closer to 1.", 0.01, 100) },
            (options, environment) => new Dwa(options.GetReal("temperature"), environment.Logger),
            NoModes),

        new MethodDefinition(
            "rlw",
            MethodFamily.LossBalancing,
            "Random loss weighting: Σ λ_i L_i with λ = softmax(ε), ε ~ N(0, I) drawn every step from the run's generator.",
            "Lin et al., Reasonable Effectiveness of Random Weighting: A Litmus Test for Multi-Task Learning, TMLR 2022.",
            Array.Empty<MethodOption>(),
            (_, _) => new RandomLossWeighting(),
            NoModes),

        new MethodDefinition(
            "imtl-l",
            MethodFamily.LossBalancing,
            "IMTL loss balance: Σ (exp(s_i) L_i - s_i) with learnable log scales s_i.",
            "Liu et al., Towards Impartial Multi-Task Learning, ICLR 2021.",
            new[]
            {
                MethodOption.Real("init", 0, "Initial log scale s_i (0 gives weight 1).", -30, 30),
                MethodOption.Real("max-log-scale", 10, "Upper bound of s_i. It caps the weight exp(s_i) when a loss nears 0.", 0, 30),
            },
            (options, environment) => new ImtlL(environment.Tasks.Count, options.GetReal("init"), options.GetReal("max-log-scale")),
            NoModes),

        new MethodDefinition(
            "lsb",
            MethodFamily.LossBalancing,
            "Loss scale balancing: per-epoch weights ∝ 1/(epoch-mean loss), summing to K, with an optional difficulty term.",
            "Lee, Lee and Kim, Learning Multiple Pixelwise Tasks Based on Loss Scale Balancing, ICCV 2021.",
            new[]
            {
                MethodOption.Choice(
                    "difficulty",
                    "none",
                    "Difficulty term: none (scale term only) or loss-ratio (this project's stand-in, last over first epoch-mean loss). The paper's own term is not implemented.",
                    "none",
                    "loss-ratio"),
            },
            (options, environment) => new LossScaleBalancing(
                options.GetChoice("difficulty") == "loss-ratio" ? LsbDifficulty.LossRatio : LsbDifficulty.None,
                environment.Logger),
            NoModes),

        new MethodDefinition(
            "amtl",
            MethodFamily.LossBalancing,
            "Achievement-based loss: weighted geometric mean with weights from validation KPIs relative to STL results.",
            "Yun and Cho, Achievement-based Training Progress Balancing for Multi-Task Learning, ICCV 2023.",
            new[] { MethodOption.Choice("form", "geometric", "Combination: geometric (Π L_i^w_i, the published method) or arithmetic (Σ w_i L_i, its ablation).", "geometric", "arithmetic") }
                .Concat(AchievementOptions())
                .ToArray(),
            (options, environment) => new Amtl(
                environment.Tasks,
                AchievementWeights.RequireBaselines("amtl", environment),
                options.GetChoice("form") == "arithmetic" ? AmtlForm.Arithmetic : AmtlForm.Geometric,
                Normalization(options),
                options.GetReal("gamma"),
                options.GetReal("momentum"),
                options.GetReal("margin")),
            NoModes,
            NeedsBaselines: true),

        new MethodDefinition(
            "wgem",
            MethodFamily.LossBalancing,
            "Weighted generalized mean M_p(L; w) with AMTL's achievement weights. p = 0 is AMTL, p = 1 its arithmetic form.",
            "This project (MtlSharp), with the weights of Yun and Cho, Achievement-based Training Progress Balancing for Multi-Task Learning, ICCV 2023.",
            new[] { PowerOption(WGeM.DefaultP, "Exponent p of the weighted mean. The default 1 is provisional: it had the best validation Δp in a one-seed, two-epoch multi-fashion study of p in {-1, 0, 0.5, 1, 2}.") }
                .Concat(AchievementOptions())
                .ToArray(),
            (options, environment) => new WGeM(
                environment.Tasks,
                AchievementWeights.RequireBaselines("wgem", environment),
                options.GetReal("p"),
                Normalization(options),
                options.GetReal("gamma"),
                options.GetReal("momentum"),
                options.GetReal("margin")),
            NoModes,
            NeedsBaselines: true),

        new MethodDefinition(
            "stch",
            MethodFamily.LossBalancing,
            "Smooth Tchebycheff: Σ log L_i during warm-up, then a smooth maximum of log(L_i / z_i) with the warm-up nadir z.",
            "Lin et al., Smooth Tchebycheff Scalarization for Multi-Objective Optimization, ICML 2024.",
            new[]
            {
                MethodOption.Real("mu", 1, "Smoothing μ; smaller values approach the plain maximum.", 1e-3, 100),
                MethodOption.Integer("warmup", 4, "Warm-up epochs on Σ log L_i; the mean losses of epoch 'warmup' (zero-based) become the nadir.", 0, 1000),
            },
            (options, environment) => new Stch(options.GetReal("mu"), options.GetInteger("warmup"), environment.Logger),
            NoModes),

        new MethodDefinition(
            "famo",
            MethodFamily.LossBalancing,
            "FAMO: log losses weighted by softmax task logits, which adapt after each step to balance the decrease of the log losses.",
            "Liu et al., FAMO: Fast Adaptive Multitask Optimization, NeurIPS 2023.",
            new[]
            {
                MethodOption.Real("lr", 0.025, "Adam learning rate of the task logits.", 1e-6, 10),
                MethodOption.Real("weight-decay", 0.001, "Adam weight decay of the task logits; pulls the weights towards 1/K.", 0, 1),
            },
            (options, environment) => new Famo(environment.Tasks.Count, options.GetReal("lr"), options.GetReal("weight-decay"), environment.Logger),
            NoModes),
    };

    private static MethodOption PowerOption(double defaultValue, string description) =>
        MethodOption.Real("p", defaultValue, description, -20, 20);

    private static MethodOption[] AchievementOptions() => new[]
    {
        MethodOption.Choice("normalization", "softmax", "Normalization of the focal weights: softmax (authors' default) or sum.", "softmax", "sum"),
        MethodOption.Real("gamma", 2, "Focusing exponent γ of (1 - achievement)^γ.", 0, 10),
        MethodOption.Real("momentum", 0.1, "Weight of the newest validation KPI in its exponential moving average.", 1e-6, 1),
        MethodOption.Real("margin", 0.05, "Margin m: the potential is the STL KPI times (1 + m), or an STL error divided by (1 + m).", 0, 1),
    };

    private static AchievementNormalization Normalization(MethodOptions options) =>
        options.GetChoice("normalization") == "sum" ? AchievementNormalization.Sum : AchievementNormalization.Softmax;
}
