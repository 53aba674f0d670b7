using Microsoft.Extensions.Logging;

namespace MtlSharp.Cli.Running;

/// <summary>The console logger of the `mtl` command; logs go to standard error so tables on standard output stay clean.</summary>
public static class CliLogging
{
    /// <summary>Creates the logger factory.</summary>
    public static ILoggerFactory CreateFactory() => LoggerFactory.Create(builder => builder
        .SetMinimumLevel(LogLevel.Information)
        .AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.TimestampFormat = "HH:mm:ss ";
        })
        .AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace));
}
