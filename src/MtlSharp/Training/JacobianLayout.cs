namespace MtlSharp.Training;

/// <summary>
/// Which columns of a parameter-mode Jacobian [K, P] belong to which shared parameter, in the order the
/// columns are laid out. GradNorm reads the block of the last shared layer from it.
/// </summary>
/// <param name="Blocks">One entry per shared parameter: its name, first column and number of columns.</param>
public sealed record JacobianLayout(IReadOnlyList<JacobianBlock> Blocks);
