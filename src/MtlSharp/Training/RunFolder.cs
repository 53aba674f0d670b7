using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MtlSharp.Evaluation;
using MtlSharp.Tasks;
using TorchSharp;
using TorchSharp.Modules;

namespace MtlSharp.Training;

/// <summary>
/// Writes one run's folder: config.json (resolved configuration), metrics.jsonl (one line per epoch),
/// weights.csv (losses and effective task weights λ per step), TensorBoard event files under tb/, and
/// result.json at the end. Whole files are written through a temporary name and a rename; weights.csv
/// grows as weights.csv.partial and gets its final name only when the run completes.
/// </summary>
public sealed class RunFolder : ITrainingObserver, IDisposable
{
    /// <summary>Name of the final result file.</summary>
    public const string ResultFile = "result.json";

    /// <summary>Name of the per-step weights file.</summary>
    public const string WeightsFile = "weights.csv";

    /// <summary>Name of the per-epoch metrics file.</summary>
    public const string MetricsFile = "metrics.jsonl";

    /// <summary>Name of the resolved configuration file.</summary>
    public const string ConfigFile = "config.json";

    /// <summary>JSON settings of every file in the folder: Δ, λ and other non-ASCII characters stay readable.</summary>
    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonSerializerOptions SingleLine = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly IReadOnlyList<TaskSpec> tasks;
    private readonly StreamWriter weights;
    private readonly StreamWriter metrics;
    private readonly SummaryWriter tensorBoard;
    private readonly int tensorBoardEvery;
    private bool completed;

    /// <summary>Creates the folder and opens the streaming files.</summary>
    /// <param name="folder">Run folder; created if missing.</param>
    /// <param name="tasks">Tasks in loss-vector order.</param>
    /// <param name="tensorBoardEvery">Steps between per-step TensorBoard scalars (weights.csv gets every step).</param>
    public RunFolder(string folder, IReadOnlyList<TaskSpec> tasks, int tensorBoardEvery = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tensorBoardEvery, 1);
        Folder = folder;
        this.tasks = tasks;
        this.tensorBoardEvery = tensorBoardEvery;
        Directory.CreateDirectory(folder);
        File.Delete(Path.Combine(folder, ResultFile));

        // Event files of an earlier run in the same folder would be merged into this run by TensorBoard.
        string tensorBoardFolder = Path.Combine(folder, "tb");
        if (Directory.Exists(tensorBoardFolder))
        {
            Directory.Delete(tensorBoardFolder, recursive: true);
        }

        weights = new StreamWriter(Path.Combine(folder, WeightsFile + ".partial"), append: false, new UTF8Encoding(false));
        var header = new List<string> { "step", "epoch" };
        header.AddRange(tasks.Select(t => $"loss/{t.Name}"));
        header.AddRange(tasks.Select(t => $"weight/{t.Name}"));
        weights.WriteLine(string.Join(',', header));

        metrics = new StreamWriter(Path.Combine(folder, MetricsFile), append: false, new UTF8Encoding(false));
        tensorBoard = torch.utils.tensorboard.SummaryWriter(tensorBoardFolder);
    }

    /// <summary>The run folder.</summary>
    public string Folder { get; }

    /// <summary>Writes config.json.</summary>
    public void WriteConfig(JsonObject config) =>
        AtomicFile.WriteAllText(Path.Combine(Folder, ConfigFile), config.ToJsonString(Indented));

    /// <inheritdoc />
    public void OnStep(long step, int epoch, int batch, int batchCount, IReadOnlyList<double> losses, IReadOnlyList<double>? weightValues, double samplesPerSecond)
    {
        var row = new StringBuilder();
        row.Append(step.ToString(CultureInfo.InvariantCulture)).Append(',').Append(epoch.ToString(CultureInfo.InvariantCulture));
        foreach (double loss in losses)
        {
            row.Append(',').Append(loss.ToString("R", CultureInfo.InvariantCulture));
        }

        for (int i = 0; i < tasks.Count; i++)
        {
            row.Append(',');
            if (weightValues is not null)
            {
                row.Append(weightValues[i].ToString("R", CultureInfo.InvariantCulture));
            }
        }

        weights.WriteLine(row.ToString());

        if (step % tensorBoardEvery == 0)
        {
            int globalStep = checked((int)step);
            for (int i = 0; i < tasks.Count; i++)
            {
                tensorBoard.add_scalar($"loss/{tasks[i].Name}", (float)losses[i], globalStep);
                if (weightValues is not null)
                {
                    tensorBoard.add_scalar($"weight/{tasks[i].Name}", (float)weightValues[i], globalStep);
                }
            }
        }
    }

    /// <inheritdoc />
    public void OnEpoch(EpochRecord record)
    {
        metrics.WriteLine(EpochJson(record).ToJsonString(SingleLine));
        metrics.Flush();
        weights.Flush();

        int epoch = record.Epoch;
        foreach (TaskSpec task in tasks)
        {
            foreach (MetricSpec metric in task.Metrics)
            {
                if (record.Validation is not null)
                {
                    tensorBoard.add_scalar($"val/{task.Name}/{metric.Name}", (float)record.Validation.Get(task.Name, metric.Name), epoch);
                }

                tensorBoard.add_scalar($"test/{task.Name}/{metric.Name}", (float)record.Test.Get(task.Name, metric.Name), epoch);
            }
        }

        if (record.TestDelta is not null)
        {
            tensorBoard.add_scalar("test/delta_p", (float)record.TestDelta.DeltaP, epoch);
        }

        if (record.ValidationDelta is not null)
        {
            tensorBoard.add_scalar("val/delta_p", (float)record.ValidationDelta.DeltaP, epoch);
        }

        if (record.MeanWeights is not null)
        {
            for (int i = 0; i < tasks.Count; i++)
            {
                tensorBoard.add_scalar($"epoch_weight/{tasks[i].Name}", (float)record.MeanWeights[i], epoch);
            }
        }
    }

    /// <summary>Writes result.json and gives weights.csv its final name.</summary>
    public void Complete(JsonObject result)
    {
        weights.Flush();
        weights.Dispose();
        metrics.Dispose();
        File.Move(Path.Combine(Folder, WeightsFile + ".partial"), Path.Combine(Folder, WeightsFile), overwrite: true);
        AtomicFile.WriteAllText(Path.Combine(Folder, ResultFile), result.ToJsonString(Indented));
        completed = true;
    }

    /// <summary>Returns the JSON line of one epoch in metrics.jsonl.</summary>
    public JsonObject EpochJson(EpochRecord record)
    {
        var line = new JsonObject
        {
            ["epoch"] = record.Epoch,
            ["train_loss"] = PerTask(record.TrainingLosses),
            ["mean_weight"] = record.MeanWeights is null ? null : PerTask(record.MeanWeights),
            ["validation"] = record.Validation is null ? null : MetricsJson.From(record.Validation),
            ["test"] = MetricsJson.From(record.Test),
            ["validation_delta"] = MetricsJson.From(record.ValidationDelta),
            ["test_delta"] = MetricsJson.From(record.TestDelta),
            ["validation_score"] = record.ValidationScore is double score ? MetricsJson.Number(score) : null,
            ["train_seconds"] = record.TrainSeconds,
            ["samples_per_second"] = record.SamplesPerSecond,
        };
        return line;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!completed)
        {
            weights.Dispose();
            metrics.Dispose();
        }
    }

    private JsonObject PerTask(IReadOnlyList<double> values)
    {
        var node = new JsonObject();
        for (int i = 0; i < tasks.Count; i++)
        {
            node[tasks[i].Name] = MetricsJson.Number(values[i]);
        }

        return node;
    }
}
