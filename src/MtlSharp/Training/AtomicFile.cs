using System.Text;

namespace MtlSharp.Training;

/// <summary>Writes files through a temporary name and a rename, so readers never see a half-written file.</summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="contents"/> to <paramref name="path"/>, creating its folder if needed.</summary>
    public static void WriteAllText(string path, string contents)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        string temporary = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, contents, new UTF8Encoding(false));
        File.Move(temporary, path, overwrite: true);
    }
}
