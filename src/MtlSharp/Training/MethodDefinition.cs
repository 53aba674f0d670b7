namespace MtlSharp.Training;

/// <summary>A registered method: its name, family, options, source and how to build it.</summary>
/// <param name="Name">Command-line name, lower case (for example "ew", "wgem", "pcgrad").</param>
/// <param name="Family">Loss balancer, gradient aggregator or single-task.</param>
/// <param name="Summary">One-line description.</param>
/// <param name="Paper">Citation: authors, title, venue and year.</param>
/// <param name="Options">Typed options with defaults.</param>
/// <param name="Create">Builds the method for one run from validated options.</param>
/// <param name="Modes">Gradient modes the method supports; loss balancers and single-task learning list none.</param>
/// <param name="NeedsBaselines">True when the method reads STL baselines (achievement-based weights).</param>
public sealed record MethodDefinition(
    string Name,
    MethodFamily Family,
    string Summary,
    string Paper,
    IReadOnlyList<MethodOption> Options,
    Func<MethodOptions, MethodEnvironment, IMultiTaskMethod> Create,
    IReadOnlyList<GradientMode> Modes,
    bool NeedsBaselines = false);
