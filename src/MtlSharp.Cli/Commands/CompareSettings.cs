using System.ComponentModel;
using Spectre.Console.Cli;

namespace MtlSharp.Cli.Commands;

/// <summary>Options of `mtl compare`.</summary>
public sealed class CompareSettings : RunSettings
{
    [CommandOption("--methods <LIST>")]
    [Description("Comma-separated methods to compare, run in this order; put stl first so the others get Δp.")]
    [DefaultValue("stl,ew,gls,uw,dwa,wgem")]
    public string Methods { get; init; } = "stl,ew,gls,uw,dwa,wgem";

    [CommandOption("-o|--out <DIR>")]
    [Description("Parent folder of the runs; default runs/<benchmark>/compare-seed<seed>.")]
    public string? Out { get; init; }
}
