using MtlSharp.Cli.Commands;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("mtl");
    config.AddCommand<MethodsCommand>("methods").WithDescription("List every method with its family, options, defaults and paper.");
    config.AddBranch("plot", plot =>
    {
        plot.SetDescription("Draw charts of a finished run.");
        plot.AddCommand<PlotWeightsCommand>("weights").WithDescription("Draw the task weights λ over steps from RUN_DIR/weights.csv into RUN_DIR/weights.png.");
    });
});
return app.Run(args);
