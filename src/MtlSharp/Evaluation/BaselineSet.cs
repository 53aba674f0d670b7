using System.Text.Json;
using System.Text.Json.Nodes;
using MtlSharp.Training;

namespace MtlSharp.Evaluation;

/// <summary>
/// Single-task (STL) baselines of one benchmark: each task's test metrics from an STL run of the same
/// benchmark, architecture and schedule. Δp and Δm are computed against these values, never against a
/// run's own first epoch.
/// </summary>
/// <param name="Benchmark">Benchmark name.</param>
/// <param name="Metrics">Test metrics of each task's single-task model at its selected epoch.</param>
/// <param name="Source">Free-form description of the STL run (seed, epochs, selection).</param>
/// <param name="Schedule">Training schedule of the STL run (epochs, optimizer, subset sizes), compared with later runs; null in files that do not record it.</param>
public sealed record BaselineSet(string Benchmark, TaskMetrics Metrics, string Source, string? Schedule = null)
{
    /// <summary>Writes the baselines as JSON through a temporary file and a rename.</summary>
    public void Save(string path)
    {
        var tasks = new JsonObject();
        foreach (var (task, metrics) in Metrics.Values)
        {
            var values = new JsonObject();
            foreach (var (metric, value) in metrics)
            {
                values[metric] = value;
            }

            tasks[task] = values;
        }

        var root = new JsonObject
        {
            ["benchmark"] = Benchmark,
            ["source"] = Source,
            ["schedule"] = Schedule,
            ["tasks"] = tasks,
        };
        AtomicFile.WriteAllText(path, root.ToJsonString(RunFolder.Indented));
    }

    /// <summary>Reads a baselines file and checks that it belongs to <paramref name="benchmark"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist; the message explains how to produce it.</exception>
    /// <exception cref="InvalidDataException">The file is not a baselines file of this benchmark.</exception>
    public static BaselineSet Load(string path, string benchmark)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"Baselines file '{path}' not found. Produce it with: mtl train --benchmark {benchmark} --method stl (same epochs and schedule), or pass --baselines FILE.",
                path);
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Baselines file '{path}' is not valid JSON ({e.Message}). Delete it and rerun the STL baselines.", e);
        }

        string? fileBenchmark = root?["benchmark"]?.GetValue<string>();
        if (fileBenchmark != benchmark)
        {
            throw new InvalidDataException($"Baselines file '{path}' is for benchmark '{fileBenchmark}', not '{benchmark}'.");
        }

        if (root?["tasks"] is not JsonObject tasks)
        {
            throw new InvalidDataException($"Baselines file '{path}' has no 'tasks' object.");
        }

        var values = new Dictionary<string, IReadOnlyDictionary<string, double>>();
        foreach (var (task, node) in tasks)
        {
            if (node is not JsonObject metrics)
            {
                throw new InvalidDataException($"Baselines file '{path}': task '{task}' is not an object of metric values.");
            }

            values[task] = metrics.ToDictionary(m => m.Key, m => m.Value!.GetValue<double>());
        }

        return new BaselineSet(benchmark, new TaskMetrics(values), root["source"]?.GetValue<string>() ?? "", root["schedule"]?.GetValue<string>());
    }
}
