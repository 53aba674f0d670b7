namespace MtlSharp.Training;

/// <summary>Columns of one shared parameter in a Jacobian [K, P].</summary>
/// <param name="Name">Parameter name in the module tree.</param>
/// <param name="Offset">First column.</param>
/// <param name="Length">Number of columns (the parameter's element count).</param>
public sealed record JacobianBlock(string Name, long Offset, long Length);
