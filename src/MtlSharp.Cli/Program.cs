using MtlSharp.Cli.Commands;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("mtl");
    config.AddCommand<TrainCommand>("train").WithDescription("Train one method on one benchmark and write a run folder.");
    config.AddCommand<CompareCommand>("compare").WithDescription("Train several methods with one schedule and print a table of task KPIs and Δp.");
    config.AddCommand<MethodsCommand>("methods").WithDescription("List every method with its family, options, defaults and paper.");
});
return app.Run(args);
