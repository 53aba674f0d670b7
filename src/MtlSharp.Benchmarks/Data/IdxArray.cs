namespace MtlSharp.Benchmarks.Data;

/// <summary>An unsigned-byte array read from an IDX file: its dimensions and its values in row-major order.</summary>
/// <param name="Dimensions">Size of each dimension, outermost first.</param>
/// <param name="Data">Values, row-major.</param>
public sealed record IdxArray(IReadOnlyList<int> Dimensions, byte[] Data);
