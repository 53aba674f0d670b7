namespace MtlSharp.Benchmarks.Data;

/// <summary>Splits the images of a training split into a training pool and a validation pool, fixed by the seed.</summary>
public static class ValidationHoldOut
{
    /// <summary>
    /// Returns a seeded permutation of 0..count-1 cut into the first share (validation) and the rest (training).
    /// The pools depend only on <paramref name="count"/>, <paramref name="share"/> and <paramref name="seed"/>.
    /// </summary>
    public static (int[] Training, int[] Validation) Split(int count, double share, int seed)
    {
        if (!(share > 0 && share < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(share), share, "The validation share must be in (0, 1).");
        }

        int[] order = Enumerable.Range(0, count).ToArray();
        new Random(seed).Shuffle(order);
        int validationCount = (int)(count * share);
        return (order[validationCount..], order[..validationCount]);
    }
}
