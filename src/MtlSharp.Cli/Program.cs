using MtlSharp.Cli.Commands;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("mtl");
    config.AddCommand<MethodsCommand>("methods").WithDescription("List every method with its family, options, defaults and paper.");
    config.AddCommand<ShowCommand>("show").WithDescription("Draw a few samples of a benchmark with their targets as a PNG.");
});
return app.Run(args);
