namespace MtlSharp.Training;

/// <summary>Type of a method option's value.</summary>
public enum OptionKind
{
    /// <summary>A real number.</summary>
    Real,

    /// <summary>A whole number.</summary>
    Integer,

    /// <summary>One of a fixed list of words.</summary>
    Choice,
}
