using System.Globalization;

namespace MtlSharp.Training;

/// <summary>A typed option of a method, with its default, its allowed range and why it exists.</summary>
/// <param name="Name">Option name as typed on the command line (for example "p" or "temperature").</param>
/// <param name="Kind">Value type.</param>
/// <param name="Default">Default value as text, taken from the authors' code unless the description states otherwise.</param>
/// <param name="Description">What the option sets, in which unit, and why it exists.</param>
/// <param name="Minimum">Smallest allowed value for numbers, or null.</param>
/// <param name="Maximum">Largest allowed value for numbers, or null.</param>
/// <param name="Choices">Allowed words for <see cref="OptionKind.Choice"/>.</param>
public sealed record MethodOption(
    string Name,
    OptionKind Kind,
    string Default,
    string Description,
    double? Minimum = null,
    double? Maximum = null,
    IReadOnlyList<string>? Choices = null)
{
    /// <summary>Creates a real-valued option.</summary>
    public static MethodOption Real(string name, double defaultValue, string description, double? minimum = null, double? maximum = null) =>
        new(name, OptionKind.Real, defaultValue.ToString("R", CultureInfo.InvariantCulture), description, minimum, maximum);

    /// <summary>Creates a whole-number option.</summary>
    public static MethodOption Integer(string name, int defaultValue, string description, int? minimum = null, int? maximum = null) =>
        new(name, OptionKind.Integer, defaultValue.ToString(CultureInfo.InvariantCulture), description, minimum, maximum);

    /// <summary>Creates an option whose value is one of <paramref name="choices"/>.</summary>
    public static MethodOption Choice(string name, string defaultValue, string description, params string[] choices) =>
        new(name, OptionKind.Choice, defaultValue, description, Choices: choices);

    /// <summary>Checks <paramref name="text"/> against the option's type and range, and returns the normalized text.</summary>
    /// <exception cref="ArgumentException">The value is not valid; the message names the option, the value and what is allowed.</exception>
    public string Validate(string method, string text)
    {
        switch (Kind)
        {
            case OptionKind.Choice:
                string? match = Choices!.FirstOrDefault(c => string.Equals(c, text, StringComparison.OrdinalIgnoreCase));
                return match ?? throw new ArgumentException(
                    $"Invalid value '{text}' for option '{Name}' of method '{method}'; allowed: {string.Join(", ", Choices!)}.");

            case OptionKind.Integer:
                if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int whole))
                {
                    throw new ArgumentException($"Invalid value '{text}' for option '{Name}' of method '{method}'; expected a whole number.");
                }

                CheckRange(method, whole);
                return whole.ToString(CultureInfo.InvariantCulture);

            default:
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double real) || !double.IsFinite(real))
                {
                    throw new ArgumentException($"Invalid value '{text}' for option '{Name}' of method '{method}'; expected a finite number such as 0.5.");
                }

                CheckRange(method, real);
                return real.ToString("R", CultureInfo.InvariantCulture);
        }
    }

    private void CheckRange(string method, double value)
    {
        if ((Minimum is double low && value < low) || (Maximum is double high && value > high))
        {
            string range = $"[{Minimum?.ToString(CultureInfo.InvariantCulture) ?? "-inf"}, {Maximum?.ToString(CultureInfo.InvariantCulture) ?? "inf"}]";
            throw new ArgumentException($"Value {value.ToString(CultureInfo.InvariantCulture)} for option '{Name}' of method '{method}' is outside {range}.");
        }
    }
}
