using System.Buffers.Binary;
using System.IO.Compression;

namespace MtlSharp.Tests.Benchmarks;

/// <summary>Writes IDX files and Fashion-MNIST folders for tests, in a temporary folder deleted on dispose.</summary>
public sealed class IdxTestFiles : IDisposable
{
    public IdxTestFiles()
    {
        Folder = Path.Combine(Path.GetTempPath(), "mtlsharp-idx-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    /// <summary>Returns the bytes of an IDX file: two zero bytes, the type code, the rank, the sizes big-endian, then the values.</summary>
    public static byte[] Encode(int[] dimensions, byte[] values, byte type = 0x08)
    {
        var bytes = new byte[4 + 4 * dimensions.Length + values.Length];
        bytes[2] = type;
        bytes[3] = (byte)dimensions.Length;
        for (int d = 0; d < dimensions.Length; d++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * d, 4), dimensions[d]);
        }

        values.CopyTo(bytes, 4 + 4 * dimensions.Length);
        return bytes;
    }

    public static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    /// <summary>Writes <paramref name="bytes"/> to a file named <paramref name="name"/> in the folder and returns its path.</summary>
    public string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(Folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>
    /// Writes one gzip-compressed Fashion-MNIST split ("train" or "t10k") whose image i is filled with the
    /// value i + 1 and has label i mod 10, so that tests can tell items apart from their pixels.
    /// </summary>
    public void WriteConstantSplit(string prefix, int count)
    {
        var pixels = new byte[count * 28 * 28];
        var labels = new byte[count];
        for (int i = 0; i < count; i++)
        {
            Array.Fill(pixels, (byte)(i + 1), i * 28 * 28, 28 * 28);
            labels[i] = (byte)(i % 10);
        }

        Write($"{prefix}-images-idx3-ubyte.gz", Gzip(Encode(new[] { count, 28, 28 }, pixels)));
        Write($"{prefix}-labels-idx1-ubyte.gz", Gzip(Encode(new[] { count }, labels)));
    }

    public void Dispose()
    {
        Directory.Delete(Folder, recursive: true);
    }
}
