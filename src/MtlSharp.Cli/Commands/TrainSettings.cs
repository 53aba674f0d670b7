using System.ComponentModel;
using Spectre.Console.Cli;

namespace MtlSharp.Cli.Commands;

/// <summary>Options of `mtl train`.</summary>
public sealed class TrainSettings : RunSettings
{
    [CommandOption("-m|--method <NAME>")]
    [Description("Method to train with; 'mtl methods' lists them. 'stl' trains one network per task and writes the baselines.")]
    public string Method { get; init; } = "ew";

    [CommandOption("-O|--method-option <KEY=VALUE>")]
    [Description("A method option such as p=0.5; repeat for several. 'mtl methods' lists each method's options.")]
    public string[] MethodOptions { get; init; } = Array.Empty<string>();

    [CommandOption("--mode <MODE>")]
    [Description("Gradient mode of a gradient aggregator: parameters or representation.")]
    public string? Mode { get; init; }

    [CommandOption("-o|--out <DIR>")]
    [Description("Run folder; default runs/<benchmark>/<method>-seed<seed>.")]
    public string? Out { get; init; }
}
