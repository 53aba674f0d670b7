namespace MtlSharp.Aggregation;

/// <summary>Thrown by an aggregator whose solver failed when its option on-failure is "stop".</summary>
public sealed class SolverFailedException : Exception
{
    /// <summary>Creates the exception with a message that names the method, the step and the reason.</summary>
    public SolverFailedException(string message)
        : base(message)
    {
    }
}
