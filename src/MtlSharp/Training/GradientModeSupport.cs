namespace MtlSharp.Training;

/// <summary>Checks a run's gradient mode against what a method declares, before any training starts.</summary>
public static class GradientModeSupport
{
    /// <summary>
    /// Throws when <paramref name="method"/> is a gradient aggregator that does not list
    /// <paramref name="mode"/> in <see cref="MethodDefinition.Modes"/>. Loss balancers and single-task
    /// learning take no per-task gradients, so they accept either mode and ignore it.
    /// </summary>
    /// <exception cref="ArgumentException">The mode is not supported; the message names the method, the mode and the supported modes.</exception>
    public static void EnsureSupported(MethodDefinition method, GradientMode mode)
    {
        if (method.Family != MethodFamily.GradientAggregation || method.Modes.Contains(mode))
        {
            return;
        }

        if (method.Modes.Count == 0)
        {
            throw new ArgumentException(
                $"Method '{method.Name}' is a gradient aggregator but declares no gradient mode; its catalog entry must list at least one.", nameof(method));
        }

        string supported = string.Join(", ", method.Modes.Select(m => m.ToString().ToLowerInvariant()));
        throw new ArgumentException(
            $"Method '{method.Name}' does not support gradient mode '{mode.ToString().ToLowerInvariant()}'; supported: {supported}. Choose one of these modes for this method.",
            nameof(mode));
    }
}
