using MtlSharp.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MtlSharp.Cli.Commands;

/// <summary>`mtl methods`: every registered method with its family, options, defaults and paper.</summary>
public sealed class MethodsCommand : Command
{
    public override int Execute(CommandContext context, CancellationToken cancellationToken)
    {
        var table = new Table().AddColumns("Method", "Family", "Modes", "Options (default)", "Paper");
        foreach (MethodDefinition method in MethodRegistry.All)
        {
            string options = method.Options.Count == 0
                ? "-"
                : string.Join("\n", method.Options.Select(o => $"{o.Name} ({o.Default}): {o.Description}"));
            string modes = method.Modes.Count == 0 ? "-" : string.Join(", ", method.Modes);
            table.AddRow(
                Markup.Escape(method.Name),
                method.Family.ToString(),
                modes,
                Markup.Escape(options),
                Markup.Escape(method.Paper));
        }

        // Redirected output has no terminal width; Spectre then assumes 80 columns and breaks words.
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 200);
        }

        AnsiConsole.Write(table);
        return 0;
    }
}
