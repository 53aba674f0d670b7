namespace MtlSharp.Training;

/// <summary>Learning-rate schedule, stepped once per epoch.</summary>
public enum ScheduleKind
{
    /// <summary>Constant learning rate.</summary>
    Constant,

    /// <summary>Multiply the rate by gamma every step-size epochs.</summary>
    Step,

    /// <summary>Cosine annealing from the initial rate to zero over all epochs.</summary>
    Cosine,
}
