using Microsoft.Extensions.Logging;
using MtlSharp.Training;

namespace MtlSharp.Cli.Running;

/// <summary>Turns the expected errors of a command into one log line and exit code 2, without a stack trace.</summary>
public static class CommandErrors
{
    /// <summary>Runs <paramref name="action"/>; returns 0 on success and 2 on an input or data error.</summary>
    public static int Run(ILogger logger, Action action)
    {
        try
        {
            action();
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or FileNotFoundException or DirectoryNotFoundException or InvalidDataException or NonFiniteLossException)
        {
            logger.LogError("{Message}", e.Message);
            return 2;
        }
    }
}
