using System.Globalization;
using MtlSharp.Tasks;
using Spectre.Console;

namespace MtlSharp.Cli.Running;

/// <summary>Prints finished runs as one table: each task's KPI and Δp per method.</summary>
public static class ResultTable
{
    /// <summary>Writes the table for <paramref name="runs"/> of a benchmark with <paramref name="tasks"/>.</summary>
    public static void Write(IReadOnlyList<TaskSpec> tasks, IReadOnlyList<RunSummary> runs)
    {
        var table = new Table().Border(TableBorder.Markdown);
        table.AddColumn("Method");
        foreach (TaskSpec task in tasks)
        {
            table.AddColumn(new TableColumn(Markup.Escape($"{task.Name} {task.Kpi}")).RightAligned());
        }

        table.AddColumn(new TableColumn("Δp (%)").RightAligned());
        table.AddColumn(new TableColumn("Δm (%)").RightAligned());
        table.AddColumn("Selection");

        foreach (RunSummary run in runs)
        {
            var cells = new List<string> { Markup.Escape(run.Method) };
            cells.AddRange(tasks.Select(t => run.Test.Get(t.Name, t.Kpi).ToString("F4", CultureInfo.InvariantCulture)));
            cells.Add(run.Delta is null ? "n/a" : run.Delta.DeltaP.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture));
            cells.Add(run.Delta is null ? "n/a" : run.Delta.DeltaM.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture));
            cells.Add(Markup.Escape(run.Selection));
            table.AddRow(cells.ToArray());
        }

        // Redirected output (a log file, CI) has no terminal width; Spectre then assumes 80 columns and wraps cells.
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 200);
        }

        AnsiConsole.Write(table);
    }
}
