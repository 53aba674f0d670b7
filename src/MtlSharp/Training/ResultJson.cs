using System.Text.Json.Nodes;
using MtlSharp.Evaluation;

namespace MtlSharp.Training;

/// <summary>Builds the content of result.json from a training result.</summary>
public static class ResultJson
{
    /// <summary>
    /// Returns the result object: benchmark, method, seed, the primary selection's per-task test metrics,
    /// delta_p and delta_m (null without baselines), the selected epoch and rule, and every labelled selection.
    /// </summary>
    public static JsonObject Create(string benchmark, string method, int seed, TrainingResult result, string? baselinesNote)
    {
        EpochSelection selection = result.Selection;
        SelectedResult primary = selection.Primary;

        var selections = new JsonObject();
        foreach (SelectedResult? selected in new[] { selection.BestValidation, selection.Last, selection.MeanOfLast })
        {
            if (selected is not null)
            {
                selections[selected.Label] = Selected(selected);
            }
        }

        var diagnostics = new JsonObject();
        foreach (var (kind, count) in result.Diagnostics.Counts)
        {
            diagnostics[kind] = count;
        }

        return new JsonObject
        {
            ["benchmark"] = benchmark,
            ["method"] = method,
            ["seed"] = seed,
            ["selection"] = primary.Label,
            ["selected_epoch"] = primary.Epochs[^1],
            ["selection_note"] = selection.Note,
            ["tasks"] = MetricsJson.From(primary.Test),
            ["delta_p"] = primary.Delta is null ? null : MetricsJson.Number(primary.Delta.DeltaP),
            ["delta_m"] = primary.Delta is null ? null : MetricsJson.Number(primary.Delta.DeltaM),
            ["baselines"] = baselinesNote,
            ["selections"] = selections,
            ["diagnostics"] = diagnostics,
            ["epochs"] = result.Epochs.Count,
        };
    }

    private static JsonObject Selected(SelectedResult selected) => new()
    {
        ["epochs"] = new JsonArray(selected.Epochs.Select(e => (JsonNode?)JsonValue.Create(e)).ToArray()),
        ["tasks"] = MetricsJson.From(selected.Test),
        ["delta"] = MetricsJson.From(selected.Delta),
    };
}
