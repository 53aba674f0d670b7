using MtlSharp.Bench;
using Spectre.Console.Cli;

var app = new CommandApp<StepTimeCommand>();
app.Configure(config => config.SetApplicationName("mtl-bench"));
return app.Run(args);
