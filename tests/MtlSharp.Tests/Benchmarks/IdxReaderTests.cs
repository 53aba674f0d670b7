using MtlSharp.Benchmarks.Data;

namespace MtlSharp.Tests.Benchmarks;

public sealed class IdxReaderTests
{
    private static readonly byte[] Values = { 0, 1, 2, 253, 254, 255 };

    [Fact]
    public void ReadsPlainFile()
    {
        using var files = new IdxTestFiles();
        string path = files.Write("plain-idx2-ubyte", IdxTestFiles.Encode(new[] { 2, 3 }, Values));

        IdxArray array = IdxReader.Read(path);

        Assert.Equal(new[] { 2, 3 }, array.Dimensions);
        Assert.Equal(Values, array.Data);
    }

    [Fact]
    public void ReadsGzipFile()
    {
        using var files = new IdxTestFiles();
        string path = files.Write("compressed-idx2-ubyte.gz", IdxTestFiles.Gzip(IdxTestFiles.Encode(new[] { 3, 2 }, Values)));

        IdxArray array = IdxReader.Read(path);

        Assert.Equal(new[] { 3, 2 }, array.Dimensions);
        Assert.Equal(Values, array.Data);
    }

    [Fact]
    public void DetectsGzipByContentNotName()
    {
        using var files = new IdxTestFiles();
        string path = files.Write("no-extension", IdxTestFiles.Gzip(IdxTestFiles.Encode(new[] { 6 }, Values)));

        Assert.Equal(Values, IdxReader.Read(path).Data);
    }

    [Fact]
    public void RejectsTruncatedHeader()
    {
        using var files = new IdxTestFiles();
        byte[] full = IdxTestFiles.Encode(new[] { 1, 2, 3 }, new byte[6]);
        string path = files.Write("short-header", full[..10]);

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void RejectsFileShorterThanMagic()
    {
        using var files = new IdxTestFiles();
        string path = files.Write("three-bytes", new byte[] { 0, 0, 8 });

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void RejectsTruncatedData()
    {
        using var files = new IdxTestFiles();
        byte[] full = IdxTestFiles.Encode(new[] { 2, 3 }, Values);
        string path = files.Write("short-data", full[..^1]);

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("truncated", error.Message);
        Assert.Contains("need 6 value bytes, the file has 5", error.Message);
    }

    [Fact]
    public void RejectsTrailingBytes()
    {
        using var files = new IdxTestFiles();
        byte[] full = IdxTestFiles.Encode(new[] { 5 }, Values);
        string path = files.Write("long-data", full);

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("longer than declared", error.Message);
    }

    [Fact]
    public void RejectsTruncatedGzip()
    {
        using var files = new IdxTestFiles();
        var random = new Random(1);
        var noise = new byte[4000];
        random.NextBytes(noise);
        byte[] compressed = IdxTestFiles.Gzip(IdxTestFiles.Encode(new[] { 4000 }, noise));
        string path = files.Write("cut.gz", compressed[..(compressed.Length / 2)]);

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path));

        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void RejectsWrongMagic()
    {
        using var files = new IdxTestFiles();
        byte[] bytes = IdxTestFiles.Encode(new[] { 6 }, Values);
        bytes[0] = 0x50;
        bytes[1] = 0x4B;
        string path = files.Write("zip-file", bytes);

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("magic number 0x504B0801", error.Message);
    }

    [Fact]
    public void RejectsWrongValueType()
    {
        using var files = new IdxTestFiles();
        string path = files.Write("floats", IdxTestFiles.Encode(new[] { 6 }, Values, type: 0x0D));

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("value type 0x0D", error.Message);
    }

    [Fact]
    public void RejectsZeroRank()
    {
        using var files = new IdxTestFiles();
        string path = files.Write("rank-zero", new byte[] { 0, 0, 8, 0 });

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path));

        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void RejectsMissingFile()
    {
        using var files = new IdxTestFiles();
        string path = Path.Combine(files.Folder, "absent");

        var error = Assert.Throws<FileNotFoundException>(() => IdxReader.Read(path));

        Assert.Contains(path, error.Message);
    }
}
