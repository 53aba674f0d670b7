using System.Globalization;

namespace MtlSharp.Training;

/// <summary>
/// The validated option values of one method: every declared option is present (given or default), and
/// no undeclared one. Factories read them once into the method's typed constructor parameters.
/// </summary>
public sealed class MethodOptions
{
    private readonly IReadOnlyDictionary<string, string> values;

    private MethodOptions(IReadOnlyDictionary<string, string> values)
    {
        this.values = values;
    }

    /// <summary>Option values as text, defaults included, for the resolved configuration of a run.</summary>
    public IReadOnlyDictionary<string, string> Values => values;

    /// <summary>Validates <paramref name="given"/> against <paramref name="definition"/> and fills in defaults.</summary>
    /// <exception cref="ArgumentException">An option is unknown or has an invalid value; the message lists the valid options.</exception>
    public static MethodOptions Resolve(MethodDefinition definition, IReadOnlyDictionary<string, string> given)
    {
        var resolved = definition.Options.ToDictionary(o => o.Name, o => o.Default, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, text) in given)
        {
            MethodOption? option = definition.Options.FirstOrDefault(o => string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase));
            if (option is null)
            {
                string valid = definition.Options.Count == 0 ? "it has no options" : "valid options: " + string.Join(", ", definition.Options.Select(o => o.Name));
                throw new ArgumentException($"Unknown option '{name}' for method '{definition.Name}'; {valid}.");
            }

            resolved[option.Name] = option.Validate(definition.Name, text);
        }

        return new MethodOptions(resolved);
    }

    /// <summary>Returns a real-valued option.</summary>
    public double GetReal(string name) => double.Parse(Get(name), CultureInfo.InvariantCulture);

    /// <summary>Returns a whole-number option.</summary>
    public int GetInteger(string name) => int.Parse(Get(name), CultureInfo.InvariantCulture);

    /// <summary>Returns a choice option's word.</summary>
    public string GetChoice(string name) => Get(name);

    private string Get(string name) =>
        values.TryGetValue(name, out string? text)
            ? text
            : throw new KeyNotFoundException($"Option '{name}' is not declared by this method; declare it in the method's definition.");
}
