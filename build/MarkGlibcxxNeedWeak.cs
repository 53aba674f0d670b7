using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// Marks one symbol-version need of an ELF64 little-endian shared library as weak (VER_FLG_WEAK),
/// so that glibc loads the library even when no loaded libstdc++ defines that version.
/// The file is rewritten through a temporary file and a rename, so a hard link into the NuGet cache
/// is never modified in place.
/// </summary>
public sealed class MarkGlibcxxNeedWeak : Task
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;

    private static readonly string[] SystemLibstdcxxPaths =
    {
        "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/usr/lib64/libstdc++.so.6",
        "/usr/lib/libstdc++.so.6",
    };

    [Required]
    public string LibraryPath { get; set; } = "";

    [Required]
    public string VersionName { get; set; } = "";

    public override bool Execute()
    {
        if (SystemLibstdcxxProvides(VersionName))
        {
            Log.LogMessage(MessageImportance.Low, $"System libstdc++ provides {VersionName}; {LibraryPath} is left unchanged.");
            return true;
        }

        byte[] elf = File.ReadAllBytes(LibraryPath);
        int entryOffset = FindVernauxEntry(elf, VersionName);
        if (entryOffset < 0)
        {
            Log.LogMessage(MessageImportance.Low, $"{LibraryPath} has no need on {VersionName}; nothing to patch.");
            return true;
        }

        ushort flags = BitConverter.ToUInt16(elf, entryOffset + 4);
        if ((flags & VerFlgWeak) != 0)
        {
            return true;
        }

        BitConverter.GetBytes((ushort)(flags | VerFlgWeak)).CopyTo(elf, entryOffset + 4);
        string temporaryPath = LibraryPath + ".patching";
        File.WriteAllBytes(temporaryPath, elf);

        // Inline tasks compile against .NET Standard 2.0, which has no File.Move overload that overwrites.
        File.Delete(LibraryPath);
        File.Move(temporaryPath, LibraryPath);
        Log.LogMessage(MessageImportance.High, $"Marked the {VersionName} need of {LibraryPath} as weak, because the system libstdc++ lacks that version.");
        return true;
    }

    private static bool SystemLibstdcxxProvides(string versionName)
    {
        byte[] needle = Encoding.ASCII.GetBytes(versionName + "\0");
        foreach (string path in SystemLibstdcxxPaths)
        {
            if (File.Exists(path))
            {
                return Contains(File.ReadAllBytes(path), needle);
            }
        }

        // With no libstdc++ found at a known place, a weak need is the safe choice: glibc still binds
        // the version when a library provides it.
        return false;
    }

    /// <summary>Returns the file offset of the Elf64_Vernaux entry named versionName, or -1.</summary>
    private int FindVernauxEntry(byte[] elf, string versionName)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F' || elf[4] != 2 || elf[5] != 1)
        {
            throw new InvalidDataException($"{LibraryPath} is not a 64-bit little-endian ELF file.");
        }

        long sectionTable = BitConverter.ToInt64(elf, 0x28);
        int sectionSize = BitConverter.ToUInt16(elf, 0x3A);
        int sectionCount = BitConverter.ToUInt16(elf, 0x3C);
        for (int i = 0; i < sectionCount; i++)
        {
            int header = checked((int)(sectionTable + (long)i * sectionSize));
            if (BitConverter.ToUInt32(elf, header + 4) != ShtGnuVerneed)
            {
                continue;
            }

            int verneed = checked((int)BitConverter.ToInt64(elf, header + 0x18));
            int stringSectionIndex = (int)BitConverter.ToUInt32(elf, header + 0x28);
            int needCount = (int)BitConverter.ToUInt32(elf, header + 0x2C);
            int stringHeader = checked((int)(sectionTable + (long)stringSectionIndex * sectionSize));
            int strings = checked((int)BitConverter.ToInt64(elf, stringHeader + 0x18));

            int need = verneed;
            for (int n = 0; n < needCount; n++)
            {
                int auxCount = BitConverter.ToUInt16(elf, need + 2);
                int aux = need + (int)BitConverter.ToUInt32(elf, need + 8);
                for (int a = 0; a < auxCount; a++)
                {
                    int name = strings + (int)BitConverter.ToUInt32(elf, aux + 8);
                    if (ReadCString(elf, name) == versionName)
                    {
                        return aux;
                    }

                    aux += (int)BitConverter.ToUInt32(elf, aux + 12);
                }

                need += (int)BitConverter.ToUInt32(elf, need + 12);
            }
        }

        return -1;
    }

    private static bool Contains(byte[] haystack, byte[] needle)
    {
        for (int start = 0; start <= haystack.Length - needle.Length; start++)
        {
            int matched = 0;
            while (matched < needle.Length && haystack[start + matched] == needle[matched])
            {
                matched++;
            }

            if (matched == needle.Length)
            {
                return true;
            }
        }

        return false;
    }

    private static string ReadCString(byte[] data, int offset)
    {
        int end = Array.IndexOf(data, (byte)0, offset);
        return Encoding.ASCII.GetString(data, offset, end - offset);
    }
}
