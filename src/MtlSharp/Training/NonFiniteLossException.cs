namespace MtlSharp.Training;

/// <summary>A task loss or the combined objective became NaN or infinite; training stops before the step is applied.</summary>
public sealed class NonFiniteLossException : Exception
{
    /// <summary>Creates the exception with a message naming the step and the task.</summary>
    public NonFiniteLossException(string message)
        : base(message)
    {
    }
}
