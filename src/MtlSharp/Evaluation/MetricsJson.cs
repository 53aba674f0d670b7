using System.Text.Json.Nodes;

namespace MtlSharp.Evaluation;

/// <summary>Converts metric results to the JSON shapes of the run folder.</summary>
public static class MetricsJson
{
    /// <summary>Returns {task: {metric: value}}; a non-finite value becomes null.</summary>
    public static JsonObject From(TaskMetrics metrics)
    {
        var tasks = new JsonObject();
        foreach (var (task, values) in metrics.Values)
        {
            var node = new JsonObject();
            foreach (var (metric, value) in values)
            {
                node[metric] = Number(value);
            }

            tasks[task] = node;
        }

        return tasks;
    }

    /// <summary>Returns {delta_p, delta_m, delta_p_per_task}, or null without baselines.</summary>
    public static JsonObject? From(DeltaReport? delta)
    {
        if (delta is null)
        {
            return null;
        }

        var perTask = new JsonObject();
        foreach (var (task, value) in delta.PerTask)
        {
            perTask[task] = Number(value);
        }

        return new JsonObject
        {
            ["delta_p"] = Number(delta.DeltaP),
            ["delta_m"] = Number(delta.DeltaM),
            ["delta_p_per_task"] = perTask,
        };
    }

    /// <summary>Returns a JSON number, or null for NaN and infinities, which JSON cannot hold.</summary>
    public static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;

    /// <summary>Returns a JSON array of numbers.</summary>
    public static JsonArray Numbers(IEnumerable<double> values) => new(values.Select(Number).ToArray());
}
