using System.Reflection;
using Spectre.Console.Cli;

namespace MtlSharp.Cli.Running;

/// <summary>Lists the long option names of a command's settings type, for errors about unknown options.</summary>
public static class OptionList
{
    /// <summary>Returns "--a, --b, ..." for <paramref name="settingsType"/>.</summary>
    public static string For(Type settingsType) => string.Join(", ", settingsType
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Select(p => p.GetCustomAttribute<CommandOptionAttribute>())
        .Where(a => a is not null)
        .SelectMany(a => a!.LongNames.Select(n => "--" + n))
        .Order());
}
