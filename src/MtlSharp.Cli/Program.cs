using MtlSharp.Cli.Commands;
using MtlSharp.Cli.Running;
using Spectre.Console;
using Spectre.Console.Cli;

var settingsTypes = new Dictionary<string, Type>
{
    ["train"] = typeof(TrainSettings),
    ["compare"] = typeof(CompareSettings),
    ["toy"] = typeof(ToyCommand.Settings),
    ["show"] = typeof(ShowCommand.Settings),
};

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("mtl");
    config.UseStrictParsing();
    config.SetExceptionHandler((exception, _) =>
    {
        AnsiConsole.MarkupLine($"[red]Error:[/] {Markup.Escape(exception.Message)}");
        if (exception is CommandAppException && args.Length > 0 && settingsTypes.TryGetValue(args[0], out Type? settings))
        {
            AnsiConsole.MarkupLine(Markup.Escape($"Valid options of 'mtl {args[0]}': {OptionList.For(settings)}."));
        }

        return 2;
    });
    config.AddCommand<TrainCommand>("train").WithDescription("Train one method on one benchmark and write a run folder.");
    config.AddCommand<CompareCommand>("compare").WithDescription("Train several methods with one schedule and print a table of task KPIs and Δp.");
    config.AddCommand<MethodsCommand>("methods").WithDescription("List every method with its family, options, defaults and paper.");
    config.AddBranch("plot", plot =>
    {
        plot.SetDescription("Draw charts of a finished run.");
        plot.AddCommand<PlotWeightsCommand>("weights").WithDescription("Draw the task weights λ over steps from RUN_DIR/weights.csv into RUN_DIR/weights.png.");
    });
    config.AddCommand<ToyCommand>("toy").WithDescription("Draw optimization trajectories of methods on the CAGrad / Nash-MTL two-objective toy problem.");
    config.AddCommand<ShowCommand>("show").WithDescription("Draw a few samples of a benchmark with their targets as a PNG.");
});
return app.Run(args);
