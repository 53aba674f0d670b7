namespace MtlSharp.Aggregation;

/// <summary>What an aggregator does when its solver does not converge or its Gramian is degenerate.</summary>
public enum SolverFailurePolicy
{
    /// <summary>Log a warning, count the failure in the run diagnostics, and use the method's documented fallback.</summary>
    Continue,

    /// <summary>Log and count the failure, then throw <see cref="SolverFailedException"/> so the run stops.</summary>
    Stop,
}
