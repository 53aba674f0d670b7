using MtlSharp.Cli.Commands;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("mtl");
    config.AddCommand<MethodsCommand>("methods").WithDescription("List every method with its family, options, defaults and paper.");
    config.AddCommand<ToyCommand>("toy").WithDescription("Draw optimization trajectories of methods on the CAGrad / Nash-MTL two-objective toy problem.");
});
return app.Run(args);
