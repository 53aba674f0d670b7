using System.Buffers.Binary;
using System.IO.Compression;

namespace MtlSharp.Benchmarks.Data;

/// <summary>
/// Reads IDX files (the format of MNIST and Fashion-MNIST), gzip-compressed or not. The header is two
/// zero bytes, a type code (0x08 for unsigned bytes), the number of dimensions, then each dimension as a
/// big-endian int32; the values follow. Compression is detected from the gzip magic bytes, not the name.
/// </summary>
public static class IdxReader
{
    private const byte UnsignedByteType = 0x08;

    /// <summary>Reads an unsigned-byte IDX file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is truncated, has a wrong magic number, another value type, or trailing bytes.</exception>
    public static IdxArray Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"IDX file '{path}' not found.", path);
        }

        byte[] bytes = ReadAllDecompressed(path);
        if (bytes.Length < 4)
        {
            throw new InvalidDataException($"IDX file '{path}' is truncated: {bytes.Length} bytes, shorter than the 4-byte magic number.");
        }

        if (bytes[0] != 0 || bytes[1] != 0)
        {
            throw new InvalidDataException($"IDX file '{path}' has magic number 0x{bytes[0]:X2}{bytes[1]:X2}{bytes[2]:X2}{bytes[3]:X2}; an IDX file starts with two zero bytes.");
        }

        if (bytes[2] != UnsignedByteType)
        {
            throw new InvalidDataException($"IDX file '{path}' has value type 0x{bytes[2]:X2}; only unsigned bytes (0x08) are supported.");
        }

        int rank = bytes[3];
        int headerLength = 4 + 4 * rank;
        if (rank == 0 || bytes.Length < headerLength)
        {
            throw new InvalidDataException($"IDX file '{path}' is truncated or invalid: {rank} dimensions need a {headerLength}-byte header, the file has {bytes.Length} bytes.");
        }

        var dimensions = new int[rank];
        long expected = 1;
        for (int d = 0; d < rank; d++)
        {
            dimensions[d] = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + 4 * d, 4));
            if (dimensions[d] < 0)
            {
                throw new InvalidDataException($"IDX file '{path}' declares a negative size {dimensions[d]} for dimension {d}.");
            }

            expected *= dimensions[d];
        }

        long actual = bytes.Length - headerLength;
        if (actual != expected)
        {
            string problem = actual < expected ? "truncated" : "longer than declared";
            throw new InvalidDataException(
                $"IDX file '{path}' is {problem}: dimensions [{string.Join(", ", dimensions)}] need {expected} value bytes, the file has {actual}.");
        }

        return new IdxArray(dimensions, bytes.AsSpan(headerLength).ToArray());
    }

    private static byte[] ReadAllDecompressed(string path)
    {
        byte[] raw = File.ReadAllBytes(path);
        if (raw.Length < 2 || raw[0] != 0x1f || raw[1] != 0x8b)
        {
            return raw;
        }

        try
        {
            using var input = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
            using var output = new MemoryStream();
            input.CopyTo(output);
            return output.ToArray();
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException)
        {
            throw new InvalidDataException($"IDX file '{path}' is a damaged or truncated gzip stream ({e.Message}). Reinstall the data set.", e);
        }
    }
}
