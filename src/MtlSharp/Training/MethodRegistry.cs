using MtlSharp.Aggregation;
using MtlSharp.Balancing;

namespace MtlSharp.Training;

/// <summary>Every method by name. Loss balancers and gradient aggregators each keep their own catalog.</summary>
public static class MethodRegistry
{
    private static readonly Lazy<IReadOnlyList<MethodDefinition>> AllMethods = new(() =>
    {
        var methods = new List<MethodDefinition> { SingleTaskLearning.Definition };
        methods.AddRange(BalancerCatalog.Definitions);
        methods.AddRange(AggregatorCatalog.Definitions);

        var duplicate = methods.GroupBy(m => m.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Method name '{duplicate.Key}' is registered twice.");
        }

        return methods;
    });

    /// <summary>All registered methods in catalog order.</summary>
    public static IReadOnlyList<MethodDefinition> All => AllMethods.Value;

    /// <summary>Returns the method named <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">No such method; the message lists the valid names.</exception>
    public static MethodDefinition Get(string name)
    {
        MethodDefinition? found = All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));
        return found ?? throw new ArgumentException(
            $"Unknown method '{name}'. Valid methods: {string.Join(", ", All.Select(m => m.Name))}. Run 'mtl methods' for details.");
    }
}
